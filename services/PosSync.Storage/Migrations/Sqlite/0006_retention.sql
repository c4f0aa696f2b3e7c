-- possync prune deletes the oldest rows first, a batch at a time, by these times; without an index
-- each batch would scan the whole table while holding SQLite's write lock, and every worker would wait.
-- (SQL Server already has IX_executions_started, IX_execution_events_at and IX_requests_at.)
CREATE INDEX IF NOT EXISTS ix_executions_started_at ON executions (started_at);
CREATE INDEX IF NOT EXISTS ix_execution_events_at ON execution_events (at);
CREATE INDEX IF NOT EXISTS ix_requests_at ON requests (at);
