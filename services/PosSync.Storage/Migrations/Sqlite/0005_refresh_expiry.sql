-- When a connection's refresh token dies unused (Lightspeed: 14 days, or the vendor's
-- refresh_expires_in), so PosSync renews it in time or asks the client to reconnect before then.
ALTER TABLE connections ADD COLUMN refresh_expires_at TEXT NULL;
