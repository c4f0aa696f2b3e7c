-- A number that grows with every change of a consumer's configuration: each stage reads it with
-- the execution (one round trip) and reads the configuration itself only when it differs from the
-- one it holds, so `consumers apply` reaches the workers on their next message.
ALTER TABLE consumers ADD COLUMN config_version INTEGER NOT NULL DEFAULT 1;
