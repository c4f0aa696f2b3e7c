-- What support and operators need: the POS catalog seen at the last run (so a consumer page can
-- say which mapping is missing), and the day as it was ingested (for the order-level export).
ALTER TABLE consumers ADD COLUMN catalog_json TEXT NULL;
ALTER TABLE consumers ADD COLUMN catalog_at TEXT NULL;

CREATE TABLE day_snapshots (
    consumer_id    TEXT NOT NULL,
    location_id    TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    execution_id   TEXT NOT NULL,
    day_json       TEXT NOT NULL,
    fetched_at     TEXT NOT NULL,
    PRIMARY KEY (consumer_id, location_id, business_date)
);
