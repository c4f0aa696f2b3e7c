-- Reporting views for Grafana: its read-only login gets SELECT on these views and nothing else.
CREATE VIEW ops.v_execution_events AS
SELECT ev.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.stage, ev.level, ev.code, ev.message, ev.details_json
FROM ops.execution_events AS ev
JOIN ops.executions AS e ON e.execution_id = ev.execution_id;
GO

CREATE VIEW ops.v_requests AS
SELECT r.consumer_id, r.execution_id, r.connector, r.operation, r.method, r.url, r.status_code, r.duration_ms, r.error, r.at
FROM ops.requests AS r;
