-- One AES-256-GCM data key per customer, wrapped by the master key (customers.encryption.master-key):
-- every personal value of the customer's events is encrypted under it. A key row is inserted in the
-- transaction of the customer's first event. Erasing the customer destroys the key in the transaction of its
-- CustomerErased event and keeps the row as a tombstone (erased_at), so no key is ever created for it again.
CREATE TABLE customer_data_key (
    customer_id UUID        NOT NULL PRIMARY KEY,
    wrapped_key BYTEA,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at   TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
