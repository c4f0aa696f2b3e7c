-- Support's guide asks "the date when the change was applied": every `consumers apply` that changes
-- something records each changed field, old and new value (secret-bearing fields as "(changed)"),
-- when, by whom and from which file. The same table and view as SQL Server's ops schema.
CREATE TABLE configuration_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id  TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    field        TEXT NOT NULL,
    old_value    TEXT NULL,
    new_value    TEXT NULL,
    changed_by   TEXT NOT NULL,
    source       TEXT NOT NULL
);
CREATE INDEX ix_configuration_changes_consumer ON configuration_changes (consumer_id, changed_at);

CREATE VIEW v_configuration_history AS
SELECT consumer_id, changed_at, field, old_value, new_value, changed_by, source
FROM configuration_changes;

-- The settings a run was judged and booked with, so a past day is judged against the tolerance in
-- force then, not today's. Amounts are decimal text, as Microsoft.Data.Sqlite writes a decimal, so
-- 5.00 stays exact. Null for runs recorded before this migration.
ALTER TABLE executions ADD COLUMN tolerance TEXT NULL;
ALTER TABLE executions ADD COLUMN rounding_threshold TEXT NULL;
ALTER TABLE executions ADD COLUMN booking_mode TEXT NULL;
