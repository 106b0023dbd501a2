// Versioned schema of the PostgreSQL store. A migration is never edited once
// released; a change is a new entry. The filter and sort columns are indexed, and
// written by the store with each document since migration 10 (generated from it before:
// postgres-columns.ts says why that changed); text columns use the
// "C" collation so that order and prefix matches are by code point, as in SQLite,
// and so that a btree index serves `LIKE 'prefix%'`.
import type { Migration } from '../migration.js'

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'task_status',
    sql: `
      CREATE TABLE task_status (
        id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        document json NOT NULL,
        type text COLLATE "C" GENERATED ALWAYS AS (document->>'type') STORED,
        unique_name text COLLATE "C" GENERATED ALWAYS AS (document->>'uniqueName') STORED,
        parent_name text COLLATE "C" GENERATED ALWAYS AS (document->>'parentName') STORED,
        launcher text COLLATE "C" GENERATED ALWAYS AS (document->>'launcher') STORED,
        completion_status text COLLATE "C" GENERATED ALWAYS AS (document->>'completionStatus') STORED,
        source_id text COLLATE "C" GENERATED ALWAYS AS (document->'target'->>'id') STORED,
        created text COLLATE "C" GENERATED ALWAYS AS (document->>'created') STORED,
        modified text COLLATE "C" GENERATED ALWAYS AS (document->>'modified') STORED,
        completed text COLLATE "C" GENERATED ALWAYS AS (document->>'completed') STORED,
        percent_complete integer GENERATED ALWAYS AS ((document->>'percentComplete')::integer) STORED
      );
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
        tkiid text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        document json NOT NULL,
        state text COLLATE "C" GENERATED ALWAYS AS (document->>'state') STORED,
        suspended boolean GENERATED ALWAYS AS ((document->>'suspended')::boolean) STORED,
        owner text COLLATE "C" GENERATED ALWAYS AS (document->>'owner') STORED,
        namespace text COLLATE "C" GENERATED ALWAYS AS (document->>'namespace') STORED,
        type text COLLATE "C" GENERATED ALWAYS AS (document->>'type') STORED,
        priority integer GENERATED ALWAYS AS ((document->>'priority')::integer) STORED,
        due_time text COLLATE "C" GENERATED ALWAYS AS (document->>'dueTime') STORED,
        activation_time text COLLATE "C" GENERATED ALWAYS AS (document->>'activationTime') STORED,
        last_modification_time text COLLATE "C" GENERATED ALWAYS AS (document->>'lastModificationTime') STORED,
        name text COLLATE "C" GENERATED ALWAYS AS (document->>'name') STORED,
        display_name text COLLATE "C" GENERATED ALWAYS AS (document->>'displayName') STORED
      );
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
    // As SQLite's migration 5: one type or one completion status, newest first, is read
    // from the index in order instead of sorting every match.
    version: 3,
    name: 'task status type and completion status in created order',
    sql: `
      DROP INDEX task_status_type;
      DROP INDEX task_status_completion_status;
      CREATE INDEX task_status_type ON task_status (type, created, id);
      CREATE INDEX task_status_completion_status ON task_status (completion_status, created, id);
    `
  },
  {
    // The change log (change-log.ts). A sequence value is handed out when an entry is
    // inserted, not when it commits; txid (the writer's transaction) lets readers wait for
    // the transactions that may still commit entries below what they read (see
    // postgres-change-log.ts). CACHE 1 (the default) keeps values in the order they are
    // handed out across connections, which that wait relies on.
    version: 4,
    name: 'change log',
    sql: `
      CREATE SEQUENCE change_log_sequence CACHE 1;
      CREATE TABLE change_log (
        sequence bigint PRIMARY KEY DEFAULT nextval('change_log_sequence'),
        txid xid8 NOT NULL,
        time text NOT NULL,
        family text COLLATE "C" NOT NULL,
        entity_id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        principal text NOT NULL,
        subject json NOT NULL,
        changes json,
        -- The length of changes' text, so a page is sized without reading (and detoasting) it.
        changes_bytes integer NOT NULL
      );
      ALTER SEQUENCE change_log_sequence OWNED BY change_log.sequence;
      CREATE INDEX change_log_entity ON change_log (family, entity_id, sequence);
      CREATE TABLE change_log_trim (id integer PRIMARY KEY CHECK (id = 1), trimmed_through bigint NOT NULL);
      INSERT INTO change_log_trim VALUES (1, 0);
    `
  },
  {
    // As SQLite's migration 7: when a human task may be deleted, in ms since the epoch,
    // written by the store with the document. Existing rows get it from their document
    // (a deletionTime outside four-digit years is left null rather than failing the cast).
    version: 5,
    name: 'human task deletable instant',
    sql: `
      ALTER TABLE human_task ADD COLUMN deletable_at bigint;
      UPDATE human_task SET deletable_at = round(extract(epoch FROM (document->>'deletionTime')::timestamptz) * 1000)::bigint
        WHERE state IN ('STATE_FINISHED', 'STATE_TERMINATED') AND document->>'deletionTime' ~ '^[0-9]{4}-';
      CREATE INDEX human_task_deletable_at ON human_task (deletable_at) WHERE deletable_at IS NOT NULL;
    `
  },
  {
    // The commit signal (commit-listener.ts): a notification at the commit of every
    // transaction that appended to the log, once per statement, whose payload names the
    // schema. NOTIFY is transactional: a rolled-back write notifies no one.
    version: 8,
    name: 'change log commit notification',
    sql: `
      CREATE FUNCTION change_log_committed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('taskd_change_log', TG_TABLE_SCHEMA);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER change_log_committed AFTER INSERT ON change_log FOR EACH STATEMENT EXECUTE FUNCTION change_log_committed();
    `
  },
  {
    // Idempotency-Key records (store/idempotency.ts), written in the transaction of the
    // write they answer; the primary key is what makes a second record of a key fail
    // whatever instance writes it. Times are ms since the epoch; the expiry index serves the purge.
    version: 6,
    name: 'idempotency keys',
    sql: `
      CREATE TABLE idempotency_key (
        principal text COLLATE "C" NOT NULL,
        operation text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        fingerprint text NOT NULL,
        status integer NOT NULL,
        headers text NOT NULL,
        body text,
        expires_at bigint NOT NULL,
        PRIMARY KEY (principal, operation, key)
      );
      CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
    `
  },
  {
    // Webhook subscriptions (postgres-webhooks.ts), as SQLite's migration 9. Times of the
    // delivery state are epoch ms, compared with the worker's clock, not the server's.
    version: 7,
    name: 'webhooks',
    sql: `
      CREATE TABLE webhook_subscription (
        id text COLLATE "C" PRIMARY KEY,
        position bigserial NOT NULL,
        document text NOT NULL,
        cursor bigint NOT NULL,
        failures integer NOT NULL,
        failing_since text,
        next_attempt_at bigint NOT NULL,
        disabled_reason text,
        lease_owner text,
        lease_expires bigint
      );
      CREATE TABLE webhook_delivery (
        position bigserial PRIMARY KEY,
        subscription_id text COLLATE "C" NOT NULL,
        record text NOT NULL
      );
      CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, position);
    `
  },
  {
    // As SQLite's migration 10: the record of a keyed bulk update in progress.
    version: 9,
    name: 'idempotency progress',
    sql: `
      ALTER TABLE idempotency_key ADD COLUMN owner text, ADD COLUMN lease_expires bigint, ADD COLUMN progress text;
    `
  },
  {
    // The filter and sort columns written by the store with each document instead of
    // generated from it (postgres-columns.ts). DROP EXPRESSION keeps every row's values
    // and rewrites nothing. The triggers fill the columns for the writes of an instance
    // of an earlier version, which writes the document alone, during a rolling upgrade;
    // a connection of this version sets taskd.written_columns, and the WHEN condition
    // then passes the trigger by without calling it. A later migration drops them.
    version: 10,
    name: 'columns written with the document',
    sql: `
      ALTER TABLE task_status
        ALTER COLUMN type DROP EXPRESSION,
        ALTER COLUMN unique_name DROP EXPRESSION,
        ALTER COLUMN parent_name DROP EXPRESSION,
        ALTER COLUMN launcher DROP EXPRESSION,
        ALTER COLUMN completion_status DROP EXPRESSION,
        ALTER COLUMN source_id DROP EXPRESSION,
        ALTER COLUMN created DROP EXPRESSION,
        ALTER COLUMN modified DROP EXPRESSION,
        ALTER COLUMN completed DROP EXPRESSION,
        ALTER COLUMN percent_complete DROP EXPRESSION;
      CREATE FUNCTION task_status_columns_from_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.type := NEW.document->>'type';
          NEW.unique_name := NEW.document->>'uniqueName';
          NEW.parent_name := NEW.document->>'parentName';
          NEW.launcher := NEW.document->>'launcher';
          NEW.completion_status := NEW.document->>'completionStatus';
          NEW.source_id := NEW.document->'target'->>'id';
          NEW.created := NEW.document->>'created';
          NEW.modified := NEW.document->>'modified';
          NEW.completed := NEW.document->>'completed';
          NEW.percent_complete := (NEW.document->>'percentComplete')::integer;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER task_status_columns_from_document BEFORE INSERT OR UPDATE OF document ON task_status
        FOR EACH ROW WHEN (current_setting('taskd.written_columns', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION task_status_columns_from_document();
      ALTER TABLE human_task
        ALTER COLUMN state DROP EXPRESSION,
        ALTER COLUMN suspended DROP EXPRESSION,
        ALTER COLUMN owner DROP EXPRESSION,
        ALTER COLUMN namespace DROP EXPRESSION,
        ALTER COLUMN type DROP EXPRESSION,
        ALTER COLUMN priority DROP EXPRESSION,
        ALTER COLUMN due_time DROP EXPRESSION,
        ALTER COLUMN activation_time DROP EXPRESSION,
        ALTER COLUMN last_modification_time DROP EXPRESSION,
        ALTER COLUMN name DROP EXPRESSION,
        ALTER COLUMN display_name DROP EXPRESSION;
      CREATE FUNCTION human_task_columns_from_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.state := NEW.document->>'state';
          NEW.suspended := (NEW.document->>'suspended')::boolean;
          NEW.owner := NEW.document->>'owner';
          NEW.namespace := NEW.document->>'namespace';
          NEW.type := NEW.document->>'type';
          NEW.priority := (NEW.document->>'priority')::integer;
          NEW.due_time := NEW.document->>'dueTime';
          NEW.activation_time := NEW.document->>'activationTime';
          NEW.last_modification_time := NEW.document->>'lastModificationTime';
          NEW.name := NEW.document->>'name';
          NEW.display_name := NEW.document->>'displayName';
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER human_task_columns_from_document BEFORE INSERT OR UPDATE OF document ON human_task
        FOR EACH ROW WHEN (current_setting('taskd.written_columns', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION human_task_columns_from_document();
    `
  }
]
