-- The same reporting views as SQL Server, so tools read both engines alike.
CREATE VIEW v_executions AS
SELECT e.execution_id, e.consumer_id, c.name AS consumer_name, e.location_id, e.business_date, e.trigger,
       e.attempt, e.status, e.stage, e.error_code, e.error_message, e.entry_number, e.trace_id,
       e.started_at, e.finished_at
FROM executions AS e
LEFT JOIN consumers AS c ON c.consumer_id = e.consumer_id;

CREATE VIEW v_execution_events AS
SELECT ev.execution_id, e.consumer_id, e.location_id, e.business_date, ev.at, ev.stage, ev.level, ev.code, ev.message, ev.details_json
FROM execution_events AS ev
JOIN executions AS e ON e.execution_id = ev.execution_id;

CREATE VIEW v_requests AS
SELECT consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at
FROM requests;
