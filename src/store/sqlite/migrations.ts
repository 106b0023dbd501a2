// Versioned schema of the SQLite store. A migration is never edited once released;
// a change is a new entry. The filter and sort columns are indexed for the list
// queries; since version 3 the store writes them with the document (sqlite-documents.ts)
// instead of SQLite generating them from it on every write.
import type { Migration } from '../migration.js'

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'task_status',
    sql: `
      CREATE TABLE task_status (
        id TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        type TEXT GENERATED ALWAYS AS (json_extract(document, '$.type')) VIRTUAL,
        unique_name TEXT GENERATED ALWAYS AS (json_extract(document, '$.uniqueName')) VIRTUAL,
        parent_name TEXT GENERATED ALWAYS AS (json_extract(document, '$.parentName')) VIRTUAL,
        launcher TEXT GENERATED ALWAYS AS (json_extract(document, '$.launcher')) VIRTUAL,
        completion_status TEXT GENERATED ALWAYS AS (json_extract(document, '$.completionStatus')) VIRTUAL,
        source_id TEXT GENERATED ALWAYS AS (json_extract(document, '$.target.id')) VIRTUAL,
        created TEXT GENERATED ALWAYS AS (json_extract(document, '$.created')) VIRTUAL,
        modified TEXT GENERATED ALWAYS AS (json_extract(document, '$.modified')) VIRTUAL,
        completed TEXT GENERATED ALWAYS AS (json_extract(document, '$.completed')) VIRTUAL,
        percent_complete INTEGER GENERATED ALWAYS AS (json_extract(document, '$.percentComplete')) VIRTUAL
      ) STRICT;
      CREATE INDEX task_status_created ON task_status (created, id);
      CREATE INDEX task_status_modified ON task_status (modified, id);
      CREATE INDEX task_status_completed ON task_status (completed, id);
      CREATE INDEX task_status_unique_name ON task_status (unique_name, id);
      CREATE INDEX task_status_percent_complete ON task_status (percent_complete, id);
      CREATE INDEX task_status_type ON task_status (type, id);
      CREATE INDEX task_status_completion_status ON task_status (completion_status, id);
      CREATE INDEX task_status_launcher ON task_status (launcher, id);
      CREATE INDEX task_status_parent_name ON task_status (parent_name, id);
      CREATE INDEX task_status_source_id ON task_status (source_id, id);
      CREATE INDEX task_status_pending ON task_status (created, id) WHERE completed IS NULL;
    `
  },
  {
    version: 2,
    name: 'human_task',
    sql: `
      CREATE TABLE human_task (
        tkiid TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        state TEXT GENERATED ALWAYS AS (json_extract(document, '$.state')) VIRTUAL,
        suspended INTEGER GENERATED ALWAYS AS (json_extract(document, '$.suspended')) VIRTUAL,
        owner TEXT GENERATED ALWAYS AS (json_extract(document, '$.owner')) VIRTUAL,
        namespace TEXT GENERATED ALWAYS AS (json_extract(document, '$.namespace')) VIRTUAL,
        type TEXT GENERATED ALWAYS AS (json_extract(document, '$.type')) VIRTUAL,
        priority INTEGER GENERATED ALWAYS AS (json_extract(document, '$.priority')) VIRTUAL,
        due_time TEXT GENERATED ALWAYS AS (json_extract(document, '$.dueTime')) VIRTUAL,
        activation_time TEXT GENERATED ALWAYS AS (json_extract(document, '$.activationTime')) VIRTUAL,
        last_modification_time TEXT GENERATED ALWAYS AS (json_extract(document, '$.lastModificationTime')) VIRTUAL,
        name TEXT GENERATED ALWAYS AS (json_extract(document, '$.name')) VIRTUAL,
        display_name TEXT GENERATED ALWAYS AS (json_extract(document, '$.displayName')) VIRTUAL
      ) STRICT;
      CREATE INDEX human_task_activation_time ON human_task (activation_time, tkiid);
      CREATE INDEX human_task_priority ON human_task (priority, tkiid);
      CREATE INDEX human_task_due_time ON human_task (due_time, tkiid);
      CREATE INDEX human_task_last_modification_time ON human_task (last_modification_time, tkiid);
      CREATE INDEX human_task_name ON human_task (name, tkiid);
      CREATE INDEX human_task_display_name ON human_task (display_name, tkiid);
      CREATE INDEX human_task_state ON human_task (state, tkiid);
      CREATE INDEX human_task_owner ON human_task (owner, tkiid);
      CREATE INDEX human_task_namespace ON human_task (namespace, tkiid);
      CREATE INDEX human_task_type ON human_task (type, tkiid);
    `
  },
  {
    version: 3,
    name: 'indexed columns written with the document',
    sql: `
      CREATE TABLE task_status_next (
        id TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        type TEXT,
        unique_name TEXT,
        parent_name TEXT,
        launcher TEXT,
        completion_status TEXT,
        source_id TEXT,
        created TEXT,
        modified TEXT,
        completed TEXT,
        percent_complete INTEGER
      ) STRICT;
      INSERT INTO task_status_next SELECT id, version, document, json_extract(document, '$.type'), json_extract(document, '$.uniqueName'), json_extract(document, '$.parentName'), json_extract(document, '$.launcher'), json_extract(document, '$.completionStatus'), json_extract(document, '$.target.id'), json_extract(document, '$.created'), json_extract(document, '$.modified'), json_extract(document, '$.completed'), json_extract(document, '$.percentComplete') FROM task_status;
      DROP TABLE task_status;
      ALTER TABLE task_status_next RENAME TO task_status;
      CREATE INDEX task_status_created ON task_status (created, id);
      CREATE INDEX task_status_modified ON task_status (modified, id);
      CREATE INDEX task_status_completed ON task_status (completed, id);
      CREATE INDEX task_status_unique_name ON task_status (unique_name, id);
      CREATE INDEX task_status_percent_complete ON task_status (percent_complete, id);
      CREATE INDEX task_status_type ON task_status (type, id);
      CREATE INDEX task_status_completion_status ON task_status (completion_status, id);
      CREATE INDEX task_status_launcher ON task_status (launcher, id);
      CREATE INDEX task_status_parent_name ON task_status (parent_name, id);
      CREATE INDEX task_status_source_id ON task_status (source_id, id);
      CREATE INDEX task_status_pending ON task_status (created, id) WHERE completed IS NULL;
    `
  },
  {
    version: 4,
    name: 'human task columns written with the document',
    sql: `
      CREATE TABLE human_task_next (
        tkiid TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        state TEXT,
        suspended INTEGER,
        owner TEXT,
        namespace TEXT,
        type TEXT,
        priority INTEGER,
        due_time TEXT,
        activation_time TEXT,
        last_modification_time TEXT,
        name TEXT,
        display_name TEXT
      ) STRICT;
      INSERT INTO human_task_next SELECT tkiid, version, document, json_extract(document, '$.state'), json_extract(document, '$.suspended'), json_extract(document, '$.owner'), json_extract(document, '$.namespace'), json_extract(document, '$.type'), json_extract(document, '$.priority'), json_extract(document, '$.dueTime'), json_extract(document, '$.activationTime'), json_extract(document, '$.lastModificationTime'), json_extract(document, '$.name'), json_extract(document, '$.displayName') FROM human_task;
      DROP TABLE human_task;
      ALTER TABLE human_task_next RENAME TO human_task;
      CREATE INDEX human_task_activation_time ON human_task (activation_time, tkiid);
      CREATE INDEX human_task_priority ON human_task (priority, tkiid);
      CREATE INDEX human_task_due_time ON human_task (due_time, tkiid);
      CREATE INDEX human_task_last_modification_time ON human_task (last_modification_time, tkiid);
      CREATE INDEX human_task_name ON human_task (name, tkiid);
      CREATE INDEX human_task_display_name ON human_task (display_name, tkiid);
      CREATE INDEX human_task_state ON human_task (state, tkiid);
      CREATE INDEX human_task_owner ON human_task (owner, tkiid);
      CREATE INDEX human_task_namespace ON human_task (namespace, tkiid);
      CREATE INDEX human_task_type ON human_task (type, tkiid);
    `
  },
  {
    // The usual list is one type or one completion status, newest first. These two
    // columns hold a few values each, so an index on the value alone leaves thousands
    // of matches to sort; with the default sort key next, the page is read in order.
    version: 5,
    name: 'task status type and completion status in created order',
    sql: `
      DROP INDEX task_status_type;
      DROP INDEX task_status_completion_status;
      CREATE INDEX task_status_type ON task_status (type, created, id);
      CREATE INDEX task_status_completion_status ON task_status (completion_status, created, id);
    `
  },
  {
    // The change log (change-log.ts). AUTOINCREMENT: a number is never handed out twice,
    // even once the newest entries are trimmed. The trim row records how far the log was
    // trimmed, so a reader's cursor below it is known to have lost entries.
    version: 6,
    name: 'change log',
    sql: `
      CREATE TABLE change_log (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        time TEXT NOT NULL,
        family TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        principal TEXT NOT NULL,
        subject TEXT NOT NULL,
        changes TEXT
      ) STRICT;
      CREATE INDEX change_log_entity ON change_log (family, entity_id, sequence);
      CREATE TABLE change_log_trim (id INTEGER PRIMARY KEY CHECK (id = 1), trimmed_through INTEGER NOT NULL) STRICT;
      INSERT INTO change_log_trim VALUES (1, 0);
    `
  },
  {
    // Retention (src/retention): when a human task may be deleted, in ms since the epoch,
    // written with the document (deletableAt in domain/human-task.ts); only tasks in an
    // end state with a deletionTime have one, so the index holds those alone. Existing
    // rows get it from their document; a deletionTime SQLite cannot read stays null.
    version: 7,
    name: 'human task deletable instant',
    sql: `
      ALTER TABLE human_task ADD COLUMN deletable_at INTEGER;
      UPDATE human_task SET deletable_at = CAST(round((julianday(json_extract(document, '$.deletionTime')) - 2440587.5) * 86400000) AS INTEGER)
        WHERE state IN ('STATE_FINISHED', 'STATE_TERMINATED') AND json_extract(document, '$.deletionTime') IS NOT NULL;
      CREATE INDEX human_task_deletable_at ON human_task (deletable_at) WHERE deletable_at IS NOT NULL;
    `
  },
  {
    // Idempotency-Key records (store/idempotency.ts), written in the transaction of the
    // write they answer. Times are ms since the epoch; the expiry index serves the purge.
    version: 8,
    name: 'idempotency keys',
    sql: `
      CREATE TABLE idempotency_key (
        principal TEXT NOT NULL,
        operation TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,
        body TEXT,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (principal, operation, key)
      ) STRICT;
      CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
    `
  },
  {
    // Webhook subscriptions (sqlite-webhooks.ts): settings as a document, delivery state
    // and lease as columns; the delivery log keeps the newest records of each.
    version: 9,
    name: 'webhooks',
    sql: `
      CREATE TABLE webhook_subscription (
        id TEXT PRIMARY KEY NOT NULL,
        document TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        failing_since TEXT,
        next_attempt_at INTEGER NOT NULL,
        disabled_reason TEXT,
        lease_owner TEXT,
        lease_expires INTEGER
      ) STRICT;
      CREATE TABLE webhook_delivery (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        subscription_id TEXT NOT NULL,
        record TEXT NOT NULL
      ) STRICT;
      CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, position);
    `
  },
  {
    // A keyed bulk update writes its record in each of its transactions
    // (store/idempotency.ts): in progress, a record names its owner and the owner's lease,
    // and keeps the outcomes committed so far; all three are null once it is complete.
    version: 10,
    name: 'idempotency progress',
    sql: `
      ALTER TABLE idempotency_key ADD COLUMN owner TEXT;
      ALTER TABLE idempotency_key ADD COLUMN lease_expires INTEGER;
      ALTER TABLE idempotency_key ADD COLUMN progress TEXT;
    `
  }
]
