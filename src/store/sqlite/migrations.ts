// Versioned schema of the SQLite store. A migration is never edited once released;
// a change is a new entry. The filter and sort columns are generated from the stored
// document, so they cannot drift from it, and are indexed for the list queries.
export interface Migration {
  version: number
  name: string
  sql: string
}

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
  }
]
