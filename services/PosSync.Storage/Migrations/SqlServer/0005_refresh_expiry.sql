-- When a connection's refresh token dies unused (Lightspeed: 14 days, or the vendor's
-- refresh_expires_in), so PosSync renews it in time or asks the client to reconnect before then.
ALTER TABLE ops.connections ADD refresh_expires_at datetime2(3) NULL;
GO
CREATE INDEX IX_connections_refresh_expires_at ON ops.connections (refresh_expires_at) WHERE refresh_expires_at IS NOT NULL;
