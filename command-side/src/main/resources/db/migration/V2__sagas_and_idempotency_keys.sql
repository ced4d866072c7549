-- Axon's JDBC saga store under its default names (SagaSqlSchema), laid out as PostgresSagaSqlSchema does.
CREATE TABLE SagaEntry (
    sagaId         VARCHAR(255) NOT NULL PRIMARY KEY,
    revision       VARCHAR(255),
    sagaType       VARCHAR(255),
    serializedSaga BYTEA
);

CREATE TABLE AssociationValueEntry (
    id               BIGSERIAL    NOT NULL PRIMARY KEY,
    associationKey   VARCHAR(255) NOT NULL,
    associationValue VARCHAR(255),
    sagaType         VARCHAR(255),
    sagaId           VARCHAR(255) NOT NULL
);
CREATE INDEX association_value_lookup ON AssociationValueEntry (sagaType, associationKey, associationValue);
CREATE INDEX association_value_saga ON AssociationValueEntry (sagaId, sagaType);

-- Idempotency-Key records. A row is inserted in the same transaction as the events of the request it
-- answers, so a key is recorded if and only if its request's effect is; the primary key makes two
-- concurrent requests with one key execute once.
CREATE TABLE idempotency_key (
    company_id   UUID         NOT NULL,
    key          VARCHAR(255) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    customer_id  UUID         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
