-- A number that grows with every change of a consumer's configuration: each stage reads it with
-- the execution (one round trip) and reads the configuration itself only when it differs from the
-- one it holds, so `consumers apply` reaches the workers on their next message.
ALTER TABLE ops.consumers ADD config_version INT NOT NULL CONSTRAINT DF_consumers_config_version DEFAULT 1;
