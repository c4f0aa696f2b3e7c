-- Support reads PosSync in Grafana, as the support guide asks its questions: a consumer by sync name
-- or e-mail, its connections and since when, whether its sync is enabled and why not, its
-- configuration, each business day booked or why not, its runs, events and requests. Views only:
-- Grafana's login is in the role possync_support_reader, which may SELECT the ops.v_* views and
-- nothing else (Grafana does not sanitise queries). The SQLite migration 0008 creates the same views
-- with the same columns (SQLite has no roles).

-- Enablement is computed in code (SyncEnablement, over the POS catalog of the last run), never by
-- SQL: PosSync records it here each time it computes a different answer, so SQL can read it.
-- summary is "enabled" or every reason on one line, what PosSync compares before writing.
CREATE TABLE ops.sync_enablement (
    consumer_id  nvarchar(64)   NOT NULL,
    enabled      bit            NOT NULL,
    summary      nvarchar(max)  NOT NULL,
    changed_at   datetime2(3)   NOT NULL,
    CONSTRAINT PK_sync_enablement PRIMARY KEY CLUSTERED (consumer_id)
);

CREATE TABLE ops.sync_enablement_reasons (
    consumer_id  nvarchar(64)   NOT NULL,
    position     int            NOT NULL,
    code         nvarchar(64)   NOT NULL,
    message      nvarchar(4000) NOT NULL,
    CONSTRAINT PK_sync_enablement_reasons PRIMARY KEY CLUSTERED (consumer_id, position)
);

-- Each connection's status as PosSync computes it (stored credentials, a vendor's refusal), and
-- since when: recorded when it changes, so "needs reconnect since Tuesday" needs no guess.
CREATE TABLE ops.connection_statuses (
    consumer_id  nvarchar(64)  NOT NULL,
    role         nvarchar(16)  NOT NULL,
    connector    nvarchar(32)  NOT NULL,
    status       nvarchar(32)  NOT NULL,
    since        datetime2(3)  NOT NULL,
    CONSTRAINT PK_connection_statuses PRIMARY KEY CLUSTERED (consumer_id, role)
);

-- Statuses known before this migration: what the consumer row says, since the last sign of it (the
-- open credential issue of a refused connection, the credentials' last save, or the consumer's).
INSERT INTO ops.connection_statuses (consumer_id, role, connector, status, since)
SELECT r.consumer_id, r.role, r.connector, r.status,
       COALESCE((SELECT MIN(i.first_seen) FROM ops.consumer_issues AS i
                 WHERE i.consumer_id = r.consumer_id AND i.status = 'open' AND r.status = 'needs_reconnect'
                   AND i.code = CASE r.role WHEN 'pos' THEN 'POS_AUTH' ELSE 'ACCOUNTING_AUTH' END),
                (SELECT k.updated_at FROM ops.connections AS k
                 WHERE k.consumer_id = r.consumer_id AND k.role = r.role AND k.connector = r.connector AND r.status = 'active'),
                r.updated_at)
FROM (SELECT c.consumer_id, c.updated_at, t.role,
             CASE t.role WHEN 'pos' THEN c.pos_connector ELSE c.accounting_connector END AS connector,
             CASE t.role WHEN 'pos' THEN c.pos_status ELSE c.accounting_status END AS status
      FROM ops.consumers AS c
      CROSS JOIN (SELECT 'pos' AS role UNION ALL SELECT 'accounting') AS t) AS r
WHERE r.connector IS NOT NULL AND r.status IS NOT NULL;

-- The day views read by business date, for one day or a range of days across consumers.
CREATE INDEX IX_executions_business_date ON ops.executions (business_date, consumer_id, location_id) INCLUDE (status, error_code, started_at);
CREATE INDEX IX_day_ledger_business_date ON ops.day_ledger (business_date) INCLUDE (status);
GO

-- Every consumer, with or without runs: sync name, creator e-mail, tools, whether its sync is enabled.
CREATE VIEW ops.v_consumers AS
SELECT c.consumer_id, c.name AS sync_name, c.created_by_email, c.pos_connector, c.accounting_connector,
       e.enabled AS sync_enabled,
       CASE WHEN e.consumer_id IS NULL THEN 'not computed yet' WHEN e.enabled = 1 THEN 'enabled' ELSE 'not enabled' END AS sync_state,
       e.summary AS enablement, e.changed_at AS enablement_changed_at,
       c.created_at, c.updated_at
FROM ops.consumers AS c
LEFT JOIN ops.sync_enablement AS e ON e.consumer_id = c.consumer_id;
GO

-- One row per connection role (pos, accounting): vendor, status and since when; never a credential.
CREATE VIEW ops.v_connections AS
SELECT r.consumer_id, r.sync_name, r.role, r.connector,
       CASE WHEN r.connector IS NULL THEN 'not connected'
            WHEN s.connector = r.connector THEN s.status
            ELSE COALESCE(r.status, 'pending') END AS status,
       CASE WHEN s.connector = r.connector THEN s.since END AS status_since,
       CASE WHEN k.connector = r.connector THEN 1 ELSE 0 END AS credentials_stored,
       CASE WHEN k.connector = r.connector THEN k.expires_at END AS access_expires_at,
       CASE WHEN k.connector = r.connector THEN k.refresh_expires_at END AS refresh_expires_at,
       CASE WHEN r.connector IS NOT NULL
             AND COALESCE(CASE WHEN s.connector = r.connector THEN s.status END, r.status, 'pending') <> 'active'
            THEN CONCAT('possync connect ', r.consumer_id, ' --role ', r.role) END AS reconnect
FROM (SELECT c.consumer_id, c.name AS sync_name, t.role,
             CASE t.role WHEN 'pos' THEN c.pos_connector ELSE c.accounting_connector END AS connector,
             CASE t.role WHEN 'pos' THEN c.pos_status ELSE c.accounting_status END AS status
      FROM ops.consumers AS c
      CROSS JOIN (SELECT 'pos' AS role UNION ALL SELECT 'accounting') AS t) AS r
LEFT JOIN ops.connection_statuses AS s ON s.consumer_id = r.consumer_id AND s.role = r.role
LEFT JOIN ops.connections AS k ON k.consumer_id = r.consumer_id AND k.role = r.role;
GO

-- "Sync enabled", or one row per reason it is not, as PosSync last computed it.
CREATE VIEW ops.v_enablement AS
SELECT c.consumer_id, c.name AS sync_name, e.enabled AS sync_enabled,
       CASE WHEN e.consumer_id IS NULL THEN 'not computed yet: possync consumers show or the next schedule computes it'
            WHEN e.enabled = 1 THEN 'Sync enabled' ELSE 'Sync not enabled' END AS sync_state,
       r.position AS reason_position, r.code AS reason_code, r.message AS reason, e.changed_at
FROM ops.consumers AS c
LEFT JOIN ops.sync_enablement AS e ON e.consumer_id = c.consumer_id
LEFT JOIN ops.sync_enablement_reasons AS r ON r.consumer_id = c.consumer_id;
GO

-- The configuration as support reads it (read-only, never edited here): journal, start date,
-- tolerance, rounding threshold, and whether the mappings are complete or what is missing.
CREATE VIEW ops.v_configuration AS
SELECT c.consumer_id, c.name AS sync_name,
       JSON_VALUE(c.config_json, '$.settings.journal') AS journal,
       JSON_VALUE(c.config_json, '$.settings.currency') AS currency,
       CAST(JSON_VALUE(c.config_json, '$.settings.start_date') AS date) AS start_date,
       CAST(JSON_VALUE(c.config_json, '$.settings.tolerance') AS decimal(19, 4)) AS tolerance,
       CAST(JSON_VALUE(c.config_json, '$.settings.rounding_threshold') AS decimal(19, 4)) AS rounding_threshold,
       JSON_VALUE(c.config_json, '$.settings.revenue_mode') AS revenue_mode,
       c.pos_connector, c.accounting_connector,
       CASE WHEN e.consumer_id IS NULL THEN NULL
            WHEN EXISTS (SELECT 1 FROM ops.sync_enablement_reasons AS m WHERE m.consumer_id = c.consumer_id AND m.code = 'MAPPING_MISSING') THEN 0
            ELSE 1 END AS mappings_complete,
       (SELECT STRING_AGG(CAST(m.message AS nvarchar(max)), '; ') WITHIN GROUP (ORDER BY m.position)
        FROM ops.sync_enablement_reasons AS m WHERE m.consumer_id = c.consumer_id AND m.code = 'MAPPING_MISSING') AS mappings_missing,
       c.catalog_at AS pos_catalog_seen_at, c.updated_at AS configuration_updated_at
FROM ops.consumers AS c
LEFT JOIN ops.sync_enablement AS e ON e.consumer_id = c.consumer_id;
GO

-- Each location of each consumer, with the sync's start date: a business day with no row in
-- v_days is "before start date" or "never run" by this.
CREATE VIEW ops.v_locations AS
SELECT c.consumer_id, c.name AS sync_name, l.location_id, l.location_name, l.timezone, l.day_cutoff,
       CAST(JSON_VALUE(c.config_json, '$.settings.start_date') AS date) AS start_date
FROM ops.consumers AS c
CROSS APPLY OPENJSON(c.config_json, '$.locations')
    WITH (location_id nvarchar(64) '$.id', location_name nvarchar(200) '$.name', timezone nvarchar(100) '$.timezone', day_cutoff nvarchar(8) '$.day_cutoff') AS l;
GO

-- Every business day PosSync knows of (a run or a ledger row), its latest run, and its ledger state:
-- booked, nothing to book, or not booked and why (still open, error, sync not enabled, ...).
CREATE VIEW ops.v_days AS
WITH days AS (
    SELECT consumer_id, location_id, business_date FROM ops.executions
    UNION
    SELECT consumer_id, location_id, business_date FROM ops.day_ledger
)
SELECT d.consumer_id, c.name AS sync_name, d.location_id, d.business_date,
       l.status AS ledger_status,
       CASE WHEN l.status = 'booked' THEN 'booked' WHEN l.status = 'nothing_to_book' THEN 'nothing to book' ELSE 'not booked' END AS ledger_state,
       CASE WHEN l.status IN ('booked', 'nothing_to_book') THEN NULL
            WHEN r.execution_id IS NULL THEN 'never run'
            WHEN r.status = 'running' THEN 'running'
            WHEN r.error_code = 'BEFORE_START_DATE' THEN 'before start date'
            WHEN r.status = 'waiting' THEN 'still open'
            WHEN r.error_code = 'SYNC_DISABLED' THEN 'sync not enabled'
            WHEN r.status = 'error' THEN 'error'
            ELSE r.status END AS not_booked_reason,
       l.entry_number, l.accounting_id, l.booked_at, l.revision,
       (SELECT COUNT(*) FROM ops.executions AS n
        WHERE n.consumer_id = d.consumer_id AND n.location_id = d.location_id AND n.business_date = d.business_date) AS runs,
       r.execution_id AS latest_execution_id, r.[trigger] AS latest_trigger, r.attempt AS latest_attempt,
       r.status AS latest_status, r.stage AS latest_stage, r.error_code AS latest_error_code,
       r.error_message AS latest_error_message, r.started_at AS latest_started_at, r.finished_at AS latest_finished_at
FROM days AS d
-- The day's latest run by a seek on the day's index (its key ends with the id), one day at a time:
-- a window over every run would read the whole table for one day.
LEFT JOIN ops.executions AS r ON r.id = (SELECT MAX(x.id) FROM ops.executions AS x
                                       WHERE x.consumer_id = d.consumer_id AND x.location_id = d.location_id AND x.business_date = d.business_date)
LEFT JOIN ops.day_ledger AS l ON l.consumer_id = d.consumer_id AND l.location_id = d.location_id AND l.business_date = d.business_date
LEFT JOIN ops.consumers AS c ON c.consumer_id = d.consumer_id;
GO

-- The issues opened on a consumer (credentials refused, a connection to renew), open or resolved.
CREATE VIEW ops.v_issues AS
SELECT i.consumer_id, c.name AS sync_name, i.code, i.message, i.occurrences, i.status, i.first_seen, i.last_seen, i.resolved_at
FROM ops.consumer_issues AS i
LEFT JOIN ops.consumers AS c ON c.consumer_id = i.consumer_id;
GO

-- A sum mismatch as the reconciliation recorded it: the figures, and the settings the day was judged with.
CREATE VIEW ops.v_mismatches AS
SELECT e.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.message,
       CAST(JSON_VALUE(ev.details_json, '$.sales') AS decimal(19, 4)) AS sales,
       CAST(JSON_VALUE(ev.details_json, '$.payments') AS decimal(19, 4)) AS payments,
       CAST(JSON_VALUE(ev.details_json, '$.cash_rounding') AS decimal(19, 4)) AS cash_rounding,
       CAST(JSON_VALUE(ev.details_json, '$.gap') AS decimal(19, 4)) AS gap,
       CAST(JSON_VALUE(ev.details_json, '$.tolerance') AS decimal(19, 4)) AS tolerance,
       CAST(JSON_VALUE(ev.details_json, '$.rounding_threshold') AS decimal(19, 4)) AS rounding_threshold
FROM ops.execution_events AS ev
JOIN ops.executions AS e ON e.execution_id = ev.execution_id
WHERE ev.code = 'SUM_MISMATCH' AND ev.details_json IS NOT NULL;
GO

-- The orders that explain a mismatch, each with its hints (an unrecorded tip, a discount not configured).
CREATE VIEW ops.v_mismatch_orders AS
SELECT e.execution_id, e.consumer_id, e.location_id, e.business_date, o.order_id, o.order_number,
       o.total, o.items_total, o.payments_total, o.tips, o.rounding,
       (SELECT STRING_AGG(CAST(h.value AS nvarchar(max)), '; ') WITHIN GROUP (ORDER BY CAST(h.[key] AS int))
        FROM OPENJSON(o.hints) AS h) AS hints
FROM ops.execution_events AS ev
JOIN ops.executions AS e ON e.execution_id = ev.execution_id
CROSS APPLY OPENJSON(ev.details_json, '$.orders')
    WITH (order_id nvarchar(200) '$.id', order_number nvarchar(200) '$.order_number', total decimal(19, 4) '$.total',
          items_total decimal(19, 4) '$.items_total', payments_total decimal(19, 4) '$.payments_total',
          tips decimal(19, 4) '$.tips', rounding decimal(19, 4) '$.rounding', hints nvarchar(max) '$.hints' AS JSON) AS o
WHERE ev.code = 'SUM_MISMATCH' AND ev.details_json IS NOT NULL;
GO

-- Replaced: duration_ms used DATEDIFF, an int that overflows for a run longer than about 24 days
-- (error 535 breaks every panel reading the view); DATEDIFF_BIG does not. Also the settings a run
-- was judged with (0007) and when it last moved.
DROP VIEW ops.v_executions;
GO
CREATE VIEW ops.v_executions AS
SELECT e.execution_id, e.consumer_id, c.name AS consumer_name, e.location_id, e.business_date, e.[trigger],
       e.attempt, e.status, e.stage, e.error_code, e.error_message, e.entry_number, e.trace_id,
       e.started_at, e.finished_at, DATEDIFF_BIG(millisecond, e.started_at, COALESCE(e.finished_at, e.updated_at)) AS duration_ms,
       e.updated_at, e.tolerance, e.rounding_threshold, e.booking_mode
FROM ops.executions AS e
LEFT JOIN ops.consumers AS c ON c.consumer_id = e.consumer_id;
GO

-- Replaced: the event's id, so a run's events read in the order they were written (several share a millisecond).
DROP VIEW ops.v_execution_events;
GO
CREATE VIEW ops.v_execution_events AS
SELECT ev.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.stage, ev.level, ev.code, ev.message, ev.details_json,
       ev.id AS event_id
FROM ops.execution_events AS ev
JOIN ops.executions AS e ON e.execution_id = ev.execution_id;
GO

-- Replaced: the request's id, for the transaction table's order. URLs and errors are stored
-- without secrets (SecretRedactor, before the row is written), so the view shows them as they are.
DROP VIEW ops.v_requests;
GO
CREATE VIEW ops.v_requests AS
SELECT r.consumer_id, r.execution_id, r.connector, r.operation, r.method, r.url, r.status_code, r.duration_ms, r.error, r.at,
       r.id AS request_id
FROM ops.requests AS r;
GO

-- The reader role: SELECT on the support views, nothing else (no table, no credential). An operator
-- creates Grafana's login and adds it to the role (README, Grafana); no password is ever in a
-- migration. A view replaced by a later migration loses its grant: that migration grants it again.
IF DATABASE_PRINCIPAL_ID(N'possync_support_reader') IS NULL CREATE ROLE possync_support_reader;
GRANT SELECT ON ops.v_consumers TO possync_support_reader;
GRANT SELECT ON ops.v_connections TO possync_support_reader;
GRANT SELECT ON ops.v_enablement TO possync_support_reader;
GRANT SELECT ON ops.v_configuration TO possync_support_reader;
GRANT SELECT ON ops.v_configuration_history TO possync_support_reader;
GRANT SELECT ON ops.v_locations TO possync_support_reader;
GRANT SELECT ON ops.v_days TO possync_support_reader;
GRANT SELECT ON ops.v_issues TO possync_support_reader;
GRANT SELECT ON ops.v_mismatches TO possync_support_reader;
GRANT SELECT ON ops.v_mismatch_orders TO possync_support_reader;
GRANT SELECT ON ops.v_executions TO possync_support_reader;
GRANT SELECT ON ops.v_execution_events TO possync_support_reader;
GRANT SELECT ON ops.v_requests TO possync_support_reader;
