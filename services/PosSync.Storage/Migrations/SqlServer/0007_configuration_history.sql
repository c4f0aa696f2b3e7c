-- Support's guide asks "the date when the change was applied": every `consumers apply` that changes
-- something records each changed field, old and new value (secret-bearing fields as "(changed)"),
-- when, by whom and from which file.
CREATE TABLE ops.configuration_changes (
    id           bigint IDENTITY(1, 1) NOT NULL,
    consumer_id  nvarchar(64)   NOT NULL,
    changed_at   datetime2(3)   NOT NULL,
    field        nvarchar(200)  NOT NULL,
    old_value    nvarchar(4000) NULL,
    new_value    nvarchar(4000) NULL,
    changed_by   nvarchar(256)  NOT NULL,
    source       nvarchar(1000) NOT NULL,
    CONSTRAINT PK_configuration_changes PRIMARY KEY CLUSTERED (id)
);
CREATE INDEX IX_configuration_changes_consumer ON ops.configuration_changes (consumer_id, changed_at);
GO

CREATE VIEW ops.v_configuration_history AS
SELECT h.consumer_id, h.changed_at, h.field, h.old_value, h.new_value, h.changed_by, h.source
FROM ops.configuration_changes AS h;
GO

-- The settings a run was judged and booked with, so a past day is judged against the tolerance in
-- force then, not today's. Null for runs recorded before this migration. One column per ALTER:
-- Babelfish for PostgreSQL refuses several.
ALTER TABLE ops.executions ADD tolerance decimal(19, 4) NULL;
ALTER TABLE ops.executions ADD rounding_threshold decimal(19, 4) NULL;
ALTER TABLE ops.executions ADD booking_mode nvarchar(32) NULL;
