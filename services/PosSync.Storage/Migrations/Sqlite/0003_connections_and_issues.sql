-- Credentials of each consumer's connections (secrets: never logged, never shown) and the open
-- issues support sees on a consumer (one per problem, counting its occurrences).
CREATE TABLE connections (
    consumer_id    TEXT NOT NULL,
    role           TEXT NOT NULL,
    connector      TEXT NOT NULL,
    access_token   TEXT NOT NULL,
    refresh_token  TEXT NULL,
    expires_at     TEXT NULL,
    scope          TEXT NULL,
    version        INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (consumer_id, role)
);

CREATE TABLE consumer_issues (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id  TEXT NOT NULL,
    code         TEXT NOT NULL,
    message      TEXT NOT NULL,
    occurrences  INTEGER NOT NULL,
    status       TEXT NOT NULL,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    resolved_at  TEXT NULL
);
CREATE UNIQUE INDEX ux_consumer_issues_open ON consumer_issues (consumer_id, code) WHERE status = 'open';
CREATE INDEX ix_consumer_issues_consumer ON consumer_issues (consumer_id, id);
