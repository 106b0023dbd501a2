-- pgbench script of `npm run bench`: the database ceiling of a task-status PATCH.
-- One single-row read-modify-write transaction on taskd's own task_status table (the
-- schema is created by taskd's migrations and seeded by bench/seed.mjs): lock a random
-- row, change its document as the benchmark's JSON Patch does (percentComplete,
-- one more message, progress; and modified, as taskd sets it), write it back.
--   pgbench -n -M prepared -f bench/pgbench-rmw.sql -D rows=10000 -D suffix=<id suffix> …
-- Ids are computed as bench/lib.mjs computes them.
\set i random(1, :rows)
\set h (:i * 2654435761) % 4294967296
\set done random(0, 999)
\set percent random(0, 100)
BEGIN;
SELECT version, document FROM task_status WHERE id = lpad(to_hex(:h::bigint), 8, '0') || :suffix FOR UPDATE;
UPDATE task_status SET version = version + 1, document = jsonb_set(jsonb_set(jsonb_set(jsonb_insert(document::jsonb, '{messages,-1}',
    jsonb_build_object('type', 'INFO', 'localizedText', jsonb_build_object('locale', 'en-US', 'message', 'Aggregated ' || :done::integer || ' of 1,000 accounts'),
      'key', 'aggregation.progress', 'parameters', jsonb_build_array(:done::integer, 1000)), true),
    '{percentComplete}', to_jsonb(:percent::integer)), '{progress}', '"Aggregating accounts"'), '{modified}', to_jsonb(now()))::json
  WHERE id = lpad(to_hex(:h::bigint), 8, '0') || :suffix;
COMMIT;
