-- The support views of SQL Server's migration 0008, with the same names (without the ops schema) and
-- the same columns, so a tool reads both engines alike. SQLite has no roles: whoever can open the
-- file reads everything, so the embedded store is for one machine, never for a shared Grafana.
-- Only what SQLite writes differently differs from SQL Server's text: JSON (json_extract, json_each
-- instead of JSON_VALUE, OPENJSON), durations (julianday), ordered lists (group_concat).

-- Enablement as PosSync computed it, recorded when it changes (see SQL Server's 0008).
CREATE TABLE sync_enablement (
    consumer_id  TEXT NOT NULL PRIMARY KEY,
    enabled      INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    changed_at   TEXT NOT NULL
);

CREATE TABLE sync_enablement_reasons (
    consumer_id  TEXT NOT NULL,
    position     INTEGER NOT NULL,
    code         TEXT NOT NULL,
    message      TEXT NOT NULL,
    PRIMARY KEY (consumer_id, position)
);

CREATE TABLE connection_statuses (
    consumer_id  TEXT NOT NULL,
    role         TEXT NOT NULL,
    connector    TEXT NOT NULL,
    status       TEXT NOT NULL,
    since        TEXT NOT NULL,
    PRIMARY KEY (consumer_id, role)
);

INSERT INTO connection_statuses (consumer_id, role, connector, status, since)
SELECT r.consumer_id, r.role, r.connector, r.status,
       COALESCE((SELECT MIN(i.first_seen) FROM consumer_issues AS i
                 WHERE i.consumer_id = r.consumer_id AND i.status = 'open' AND r.status = 'needs_reconnect'
                   AND i.code = CASE r.role WHEN 'pos' THEN 'POS_AUTH' ELSE 'ACCOUNTING_AUTH' END),
                (SELECT k.updated_at FROM connections AS k
                 WHERE k.consumer_id = r.consumer_id AND k.role = r.role AND k.connector = r.connector AND r.status = 'active'),
                r.updated_at)
FROM (SELECT c.consumer_id, c.updated_at, t.role,
             CASE t.role WHEN 'pos' THEN c.pos_connector ELSE c.accounting_connector END AS connector,
             CASE t.role WHEN 'pos' THEN c.pos_status ELSE c.accounting_status END AS status
      FROM consumers AS c
      CROSS JOIN (SELECT 'pos' AS role UNION ALL SELECT 'accounting') AS t) AS r
WHERE r.connector IS NOT NULL AND r.status IS NOT NULL;

CREATE INDEX ix_executions_business_date ON executions (business_date, consumer_id, location_id);
CREATE INDEX ix_day_ledger_business_date ON day_ledger (business_date);

CREATE VIEW v_consumers AS
SELECT c.consumer_id, c.name AS sync_name, c.created_by_email, c.pos_connector, c.accounting_connector,
       e.enabled AS sync_enabled,
       CASE WHEN e.consumer_id IS NULL THEN 'not computed yet' WHEN e.enabled = 1 THEN 'enabled' ELSE 'not enabled' END AS sync_state,
       e.summary AS enablement, e.changed_at AS enablement_changed_at,
       c.created_at, c.updated_at
FROM consumers AS c
LEFT JOIN sync_enablement AS e ON e.consumer_id = c.consumer_id;

CREATE VIEW v_connections AS
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
      FROM consumers AS c
      CROSS JOIN (SELECT 'pos' AS role UNION ALL SELECT 'accounting') AS t) AS r
LEFT JOIN connection_statuses AS s ON s.consumer_id = r.consumer_id AND s.role = r.role
LEFT JOIN connections AS k ON k.consumer_id = r.consumer_id AND k.role = r.role;

CREATE VIEW v_enablement AS
SELECT c.consumer_id, c.name AS sync_name, e.enabled AS sync_enabled,
       CASE WHEN e.consumer_id IS NULL THEN 'not computed yet: possync consumers show or the next schedule computes it'
            WHEN e.enabled = 1 THEN 'Sync enabled' ELSE 'Sync not enabled' END AS sync_state,
       r.position AS reason_position, r.code AS reason_code, r.message AS reason, e.changed_at
FROM consumers AS c
LEFT JOIN sync_enablement AS e ON e.consumer_id = c.consumer_id
LEFT JOIN sync_enablement_reasons AS r ON r.consumer_id = c.consumer_id;

CREATE VIEW v_configuration AS
SELECT c.consumer_id, c.name AS sync_name,
       json_extract(c.config_json, '$.settings.journal') AS journal,
       json_extract(c.config_json, '$.settings.currency') AS currency,
       json_extract(c.config_json, '$.settings.start_date') AS start_date,
       json_extract(c.config_json, '$.settings.tolerance') AS tolerance,
       json_extract(c.config_json, '$.settings.rounding_threshold') AS rounding_threshold,
       json_extract(c.config_json, '$.settings.revenue_mode') AS revenue_mode,
       c.pos_connector, c.accounting_connector,
       CASE WHEN e.consumer_id IS NULL THEN NULL
            WHEN EXISTS (SELECT 1 FROM sync_enablement_reasons AS m WHERE m.consumer_id = c.consumer_id AND m.code = 'MAPPING_MISSING') THEN 0
            ELSE 1 END AS mappings_complete,
       (SELECT group_concat(m.message, '; ')
        FROM (SELECT message FROM sync_enablement_reasons
              WHERE consumer_id = c.consumer_id AND code = 'MAPPING_MISSING' ORDER BY position) AS m) AS mappings_missing,
       c.catalog_at AS pos_catalog_seen_at, c.updated_at AS configuration_updated_at
FROM consumers AS c
LEFT JOIN sync_enablement AS e ON e.consumer_id = c.consumer_id;

CREATE VIEW v_locations AS
SELECT c.consumer_id, c.name AS sync_name,
       json_extract(l.value, '$.id') AS location_id, json_extract(l.value, '$.name') AS location_name,
       json_extract(l.value, '$.timezone') AS timezone, json_extract(l.value, '$.day_cutoff') AS day_cutoff,
       json_extract(c.config_json, '$.settings.start_date') AS start_date
FROM consumers AS c, json_each(c.config_json, '$.locations') AS l;

CREATE VIEW v_days AS
WITH days AS (
    SELECT consumer_id, location_id, business_date FROM executions
    UNION
    SELECT consumer_id, location_id, business_date FROM day_ledger
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
       (SELECT COUNT(*) FROM executions AS n
        WHERE n.consumer_id = d.consumer_id AND n.location_id = d.location_id AND n.business_date = d.business_date) AS runs,
       r.execution_id AS latest_execution_id, r.[trigger] AS latest_trigger, r.attempt AS latest_attempt,
       r.status AS latest_status, r.stage AS latest_stage, r.error_code AS latest_error_code,
       r.error_message AS latest_error_message, r.started_at AS latest_started_at, r.finished_at AS latest_finished_at
FROM days AS d
-- The day's latest run by a seek on the day's index (its key ends with the id), one day at a time:
-- a window over every run would read the whole table for one day.
LEFT JOIN executions AS r ON r.id = (SELECT MAX(x.id) FROM executions AS x
                                       WHERE x.consumer_id = d.consumer_id AND x.location_id = d.location_id AND x.business_date = d.business_date)
LEFT JOIN day_ledger AS l ON l.consumer_id = d.consumer_id AND l.location_id = d.location_id AND l.business_date = d.business_date
LEFT JOIN consumers AS c ON c.consumer_id = d.consumer_id;

CREATE VIEW v_issues AS
SELECT i.consumer_id, c.name AS sync_name, i.code, i.message, i.occurrences, i.status, i.first_seen, i.last_seen, i.resolved_at
FROM consumer_issues AS i
LEFT JOIN consumers AS c ON c.consumer_id = i.consumer_id;

CREATE VIEW v_mismatches AS
SELECT e.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.message,
       json_extract(ev.details_json, '$.sales') AS sales,
       json_extract(ev.details_json, '$.payments') AS payments,
       json_extract(ev.details_json, '$.cash_rounding') AS cash_rounding,
       json_extract(ev.details_json, '$.gap') AS gap,
       json_extract(ev.details_json, '$.tolerance') AS tolerance,
       json_extract(ev.details_json, '$.rounding_threshold') AS rounding_threshold
FROM execution_events AS ev
JOIN executions AS e ON e.execution_id = ev.execution_id
WHERE ev.code = 'SUM_MISMATCH' AND ev.details_json IS NOT NULL;

CREATE VIEW v_mismatch_orders AS
SELECT e.execution_id, e.consumer_id, e.location_id, e.business_date,
       json_extract(o.value, '$.id') AS order_id, json_extract(o.value, '$.order_number') AS order_number,
       json_extract(o.value, '$.total') AS total, json_extract(o.value, '$.items_total') AS items_total,
       json_extract(o.value, '$.payments_total') AS payments_total, json_extract(o.value, '$.tips') AS tips,
       json_extract(o.value, '$.rounding') AS rounding,
       (SELECT group_concat(h.value, '; ') FROM json_each(o.value, '$.hints') AS h) AS hints
FROM execution_events AS ev
JOIN executions AS e ON e.execution_id = ev.execution_id,
     json_each(ev.details_json, '$.orders') AS o
WHERE ev.code = 'SUM_MISMATCH' AND ev.details_json IS NOT NULL;

DROP VIEW v_executions;
CREATE VIEW v_executions AS
SELECT e.execution_id, e.consumer_id, c.name AS consumer_name, e.location_id, e.business_date, e.[trigger],
       e.attempt, e.status, e.stage, e.error_code, e.error_message, e.entry_number, e.trace_id,
       e.started_at, e.finished_at,
       CAST(ROUND((julianday(COALESCE(e.finished_at, e.updated_at)) - julianday(e.started_at)) * 86400000) AS INTEGER) AS duration_ms,
       e.updated_at, e.tolerance, e.rounding_threshold, e.booking_mode
FROM executions AS e
LEFT JOIN consumers AS c ON c.consumer_id = e.consumer_id;

DROP VIEW v_execution_events;
CREATE VIEW v_execution_events AS
SELECT ev.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.stage, ev.level, ev.code, ev.message, ev.details_json,
       ev.id AS event_id
FROM execution_events AS ev
JOIN executions AS e ON e.execution_id = ev.execution_id;

DROP VIEW v_requests;
CREATE VIEW v_requests AS
SELECT r.consumer_id, r.execution_id, r.connector, r.operation, r.method, r.url, r.status_code, r.duration_ms, r.error, r.at,
       r.id AS request_id
FROM requests AS r;
