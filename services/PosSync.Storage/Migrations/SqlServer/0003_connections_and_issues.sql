-- Credentials of each consumer's connections (secrets: never logged, never shown) and the open
-- issues support sees on a consumer (one per problem, counting its occurrences).
CREATE TABLE ops.connections (
    consumer_id    nvarchar(64)   NOT NULL,
    role           nvarchar(16)   NOT NULL,
    connector      nvarchar(32)   NOT NULL,
    access_token   nvarchar(4000) NOT NULL,
    refresh_token  nvarchar(4000) NULL,
    expires_at     datetime2(3)   NULL,
    scope          nvarchar(1000) NULL,
    version        int            NOT NULL,
    updated_at     datetime2(3)   NOT NULL,
    CONSTRAINT PK_connections PRIMARY KEY CLUSTERED (consumer_id, role)
);

CREATE TABLE ops.consumer_issues (
    id           bigint IDENTITY(1, 1) NOT NULL,
    consumer_id  nvarchar(64)   NOT NULL,
    code         nvarchar(64)   NOT NULL,
    message      nvarchar(4000) NOT NULL,
    occurrences  int            NOT NULL,
    status       nvarchar(16)   NOT NULL,
    first_seen   datetime2(3)   NOT NULL,
    last_seen    datetime2(3)   NOT NULL,
    resolved_at  datetime2(3)   NULL,
    CONSTRAINT PK_consumer_issues PRIMARY KEY CLUSTERED (id)
);
CREATE UNIQUE INDEX UX_consumer_issues_open ON ops.consumer_issues (consumer_id, code) WHERE status = N'open';
CREATE INDEX IX_consumer_issues_consumer ON ops.consumer_issues (consumer_id, id);
