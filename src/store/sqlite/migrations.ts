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
  }
]
