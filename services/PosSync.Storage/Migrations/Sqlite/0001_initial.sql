-- PosSync schema, SQLite (the embedded default). Times are UTC text; business dates are yyyy-MM-dd.
CREATE TABLE consumers (
    consumer_id          TEXT NOT NULL PRIMARY KEY,
    name                 TEXT NOT NULL,
    created_by_email     TEXT NOT NULL,
    pos_connector        TEXT NULL,
    pos_status           TEXT NULL,
    accounting_connector TEXT NULL,
    accounting_status    TEXT NULL,
    config_json          TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX ix_consumers_name ON consumers (name);
CREATE INDEX ix_consumers_created_by_email ON consumers (created_by_email);

CREATE TABLE day_ledger (
    consumer_id    TEXT NOT NULL,
    location_id    TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    status         TEXT NOT NULL,
    entry_number   TEXT NULL,
    accounting_id  TEXT NULL,
    fingerprint    TEXT NULL,
    revision       INTEGER NOT NULL DEFAULT 0,
    execution_id   TEXT NULL,
    claim_owner    TEXT NULL,
    claimed_until  TEXT NULL,
    booked_at      TEXT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (consumer_id, location_id, business_date)
);

CREATE TABLE executions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    execution_id   TEXT NOT NULL,
    consumer_id    TEXT NOT NULL,
    location_id    TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    trigger        TEXT NOT NULL,
    attempt        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    stage          TEXT NOT NULL,
    error_code     TEXT NULL,
    error_message  TEXT NULL,
    entry_number   TEXT NULL,
    trace_id       TEXT NULL,
    started_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    finished_at    TEXT NULL
);
CREATE UNIQUE INDEX ux_executions_execution_id ON executions (execution_id);
CREATE INDEX ix_executions_day ON executions (consumer_id, location_id, business_date);
CREATE INDEX ix_executions_consumer_started ON executions (consumer_id, started_at);
CREATE INDEX ix_executions_status ON executions (status);

CREATE TABLE execution_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    execution_id  TEXT NOT NULL,
    at            TEXT NOT NULL,
    stage         TEXT NOT NULL,
    level         TEXT NOT NULL,
    code          TEXT NULL,
    message       TEXT NOT NULL,
    details_json  TEXT NULL
);
CREATE INDEX ix_execution_events_execution ON execution_events (execution_id, id);

CREATE TABLE requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id   TEXT NOT NULL,
    execution_id  TEXT NULL,
    connector     TEXT NOT NULL,
    operation     TEXT NOT NULL,
    method        TEXT NOT NULL,
    url           TEXT NOT NULL,
    status_code   INTEGER NULL,
    duration_ms   INTEGER NOT NULL,
    error         TEXT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX ix_requests_consumer ON requests (consumer_id, id);
CREATE INDEX ix_requests_execution ON requests (execution_id);
