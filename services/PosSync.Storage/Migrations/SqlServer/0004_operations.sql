-- What support and operators need: the POS catalog seen at the last run (so a consumer page can
-- say which mapping is missing), and the day as it was ingested (for the order-level export).
ALTER TABLE ops.consumers ADD catalog_json nvarchar(max) NULL;
ALTER TABLE ops.consumers ADD catalog_at datetime2(3) NULL;

CREATE TABLE ops.day_snapshots (
    consumer_id    nvarchar(64)     NOT NULL,
    location_id    nvarchar(64)     NOT NULL,
    business_date  date             NOT NULL,
    execution_id   uniqueidentifier NOT NULL,
    day_json       nvarchar(max)    NOT NULL,
    fetched_at     datetime2(3)     NOT NULL,
    CONSTRAINT PK_day_snapshots PRIMARY KEY CLUSTERED (consumer_id, location_id, business_date),
    CONSTRAINT CK_day_snapshots_day_json CHECK (ISJSON(day_json) = 1)
);
