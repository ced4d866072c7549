-- Axon's JDBC sequenced dead-letter queue under its default names (DeadLetterSchema), laid out as
-- GenericDeadLetterTableFactory does with PostgreSQL types: BYTEA for serialized data (not BLOB/OID),
-- timestamps as ISO-8601 strings (Axon writes and reads them with setString/getString), and a cause
-- message of 1023 characters, the length Axon truncates it to. One row is one event a processing group
-- could not handle, parked with its place in its sequence (for the customer projection: one customer).

CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL PRIMARY KEY,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metaData             BYTEA,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BYTEA,
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BYTEA,
    -- a letter's place in its sequence; its index also serves Axon's look-ups by processing group and by
    -- (processing group, sequence), so the two extra indexes Axon's table factory creates are left out
    UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
