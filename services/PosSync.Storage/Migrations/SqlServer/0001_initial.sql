-- PosSync schema, SQL Server (production). All times are UTC datetime2(3).
IF SCHEMA_ID(N'ops') IS NULL EXEC (N'CREATE SCHEMA ops');
GO

CREATE TABLE ops.consumers (
    consumer_id          nvarchar(64)   NOT NULL,
    name                 nvarchar(200)  NOT NULL,
    created_by_email     nvarchar(254)  NOT NULL,
    pos_connector        nvarchar(32)   NULL,
    pos_status           nvarchar(32)   NULL,
    accounting_connector nvarchar(32)   NULL,
    accounting_status    nvarchar(32)   NULL,
    config_json          nvarchar(max)  NOT NULL,
    created_at           datetime2(3)   NOT NULL,
    updated_at           datetime2(3)   NOT NULL,
    CONSTRAINT PK_consumers PRIMARY KEY CLUSTERED (consumer_id),
    CONSTRAINT CK_consumers_config_json CHECK (ISJSON(config_json) = 1)
);
CREATE INDEX IX_consumers_name ON ops.consumers (name);
CREATE INDEX IX_consumers_created_by_email ON ops.consumers (created_by_email);

CREATE TABLE ops.day_ledger (
    consumer_id    nvarchar(64)  NOT NULL,
    location_id    nvarchar(64)  NOT NULL,
    business_date  date          NOT NULL,
    status         nvarchar(16)  NOT NULL,
    entry_number   nvarchar(100) NULL,
    accounting_id  nvarchar(200) NULL,
    fingerprint    char(64)      NULL,
    revision       int           NOT NULL CONSTRAINT DF_day_ledger_revision DEFAULT (0),
    execution_id   uniqueidentifier NULL,
    claim_owner    nvarchar(100) NULL,
    claimed_until  datetime2(3)  NULL,
    booked_at      datetime2(3)  NULL,
    updated_at     datetime2(3)  NOT NULL,
    CONSTRAINT PK_day_ledger PRIMARY KEY CLUSTERED (consumer_id, location_id, business_date)
);

CREATE TABLE ops.executions (
    id             bigint IDENTITY(1, 1) NOT NULL,
    execution_id   uniqueidentifier NOT NULL,
    consumer_id    nvarchar(64)   NOT NULL,
    location_id    nvarchar(64)   NOT NULL,
    business_date  date           NOT NULL,
    [trigger]      nvarchar(16)   NOT NULL,
    attempt        int            NOT NULL,
    status         nvarchar(16)   NOT NULL,
    stage          nvarchar(16)   NOT NULL,
    error_code     nvarchar(64)   NULL,
    error_message  nvarchar(4000) NULL,
    entry_number   nvarchar(100)  NULL,
    trace_id       char(32)       NULL,
    started_at     datetime2(3)   NOT NULL,
    updated_at     datetime2(3)   NOT NULL,
    finished_at    datetime2(3)   NULL,
    CONSTRAINT PK_executions PRIMARY KEY CLUSTERED (id)
);
CREATE UNIQUE INDEX UX_executions_execution_id ON ops.executions (execution_id);
CREATE INDEX IX_executions_day ON ops.executions (consumer_id, location_id, business_date) INCLUDE (status, attempt, started_at);
CREATE INDEX IX_executions_consumer_started ON ops.executions (consumer_id, started_at) INCLUDE (status, stage);
CREATE INDEX IX_executions_started ON ops.executions (started_at) INCLUDE (status, stage);
CREATE INDEX IX_executions_failed ON ops.executions (started_at) WHERE status = N'error';
CREATE INDEX IX_executions_running ON ops.executions (started_at) WHERE status = N'running';

CREATE TABLE ops.execution_events (
    id            bigint IDENTITY(1, 1) NOT NULL,
    execution_id  uniqueidentifier NOT NULL,
    at            datetime2(3)   NOT NULL,
    stage         nvarchar(16)   NOT NULL,
    level         nvarchar(16)   NOT NULL,
    code          nvarchar(64)   NULL,
    message       nvarchar(4000) NOT NULL,
    details_json  nvarchar(max)  NULL,
    CONSTRAINT PK_execution_events PRIMARY KEY CLUSTERED (id),
    CONSTRAINT CK_execution_events_details_json CHECK (details_json IS NULL OR ISJSON(details_json) = 1)
);
CREATE INDEX IX_execution_events_execution ON ops.execution_events (execution_id, id);
CREATE INDEX IX_execution_events_at ON ops.execution_events (at);

CREATE TABLE ops.requests (
    id            bigint IDENTITY(1, 1) NOT NULL,
    consumer_id   nvarchar(64)   NOT NULL,
    execution_id  uniqueidentifier NULL,
    connector     nvarchar(32)   NOT NULL,
    operation     nvarchar(64)   NOT NULL,
    method        nvarchar(16)   NOT NULL,
    url           nvarchar(2000) NOT NULL,
    status_code   int            NULL,
    duration_ms   bigint         NOT NULL,
    error         nvarchar(4000) NULL,
    at            datetime2(3)   NOT NULL,
    CONSTRAINT PK_requests PRIMARY KEY CLUSTERED (id)
);
CREATE INDEX IX_requests_consumer ON ops.requests (consumer_id, id);
CREATE INDEX IX_requests_execution ON ops.requests (execution_id);
CREATE INDEX IX_requests_at ON ops.requests (at);
GO

-- Reporting view for Grafana: its read-only login gets SELECT on views only.
CREATE VIEW ops.v_executions AS
SELECT e.execution_id, e.consumer_id, c.name AS consumer_name, e.location_id, e.business_date, e.[trigger],
       e.attempt, e.status, e.stage, e.error_code, e.error_message, e.entry_number, e.trace_id,
       e.started_at, e.finished_at, DATEDIFF(millisecond, e.started_at, COALESCE(e.finished_at, e.updated_at)) AS duration_ms
FROM ops.executions AS e
LEFT JOIN ops.consumers AS c ON c.consumer_id = e.consumer_id;
