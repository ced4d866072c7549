-- Failed logins per app id and client address, and per client address (LoginFailures): Bucket4j token
-- buckets, so every process that answers POST /v1/login counts the same failures. A row expires once its
-- bucket is full again and is then deleted; the key is built by the service (an unknown app id is not
-- part of it), never longer than a configured app id and an address.
CREATE TABLE login_failure_bucket (
    id         VARCHAR(255) NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX login_failure_bucket_expires_at ON login_failure_bucket (expires_at);
