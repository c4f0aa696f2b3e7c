-- The indexes SQL Server's 0001 and 0005 have and SQLite did not, under the same names, so both
-- engines hold the same indexes (MigrationsAlikeTests): the started_at index 0006 named
-- ix_executions_started_at is SQL Server's IX_executions_started; failed and running runs by start
-- time (read with the status written out, as SQLite needs to use a partial index); the refresh
-- tokens' expiry, which the credential renewal reads (ExpiringCredentials).
DROP INDEX IF EXISTS ix_executions_started_at;
CREATE INDEX ix_executions_started ON executions (started_at);
CREATE INDEX ix_executions_failed ON executions (started_at) WHERE status = 'error';
CREATE INDEX ix_executions_running ON executions (started_at) WHERE status = 'running';
CREATE INDEX ix_connections_refresh_expires_at ON connections (refresh_expires_at) WHERE refresh_expires_at IS NOT NULL;
