-- Webhooks: merchants' endpoints and the deliveries owed to them (query-side package webhook).
--
-- A delivery row names an event, never holds its payload: the body is built from the event store when it
-- is sent, so an erasure that happens while a delivery waits leaves no personal value to send. The secret
-- is encrypted under a key derived from the master key: a dump of this table alone cannot sign anything.

CREATE TABLE webhook (
    webhook_id      UUID          NOT NULL PRIMARY KEY,
    company_id      UUID          NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    events          TEXT[]        NOT NULL,
    format          VARCHAR(16)   NOT NULL,
    secret          BYTEA         NOT NULL,
    description     VARCHAR(500),
    enabled         BOOLEAN       NOT NULL,
    -- why the service disabled it (failing for the whole retry max-age); NULL when enabled or disabled by the merchant
    disabled_reason VARCHAR(500),
    -- the first failed attempt since the last success; NULL while it succeeds
    failing_since   TIMESTAMPTZ,
    created         TIMESTAMPTZ   NOT NULL,
    last_updated    TIMESTAMPTZ   NOT NULL
);

CREATE INDEX webhook_of_company ON webhook (company_id, created DESC, webhook_id DESC);

CREATE TABLE webhook_delivery (
    delivery_id       UUID         NOT NULL PRIMARY KEY,
    webhook_id        UUID         NOT NULL REFERENCES webhook (webhook_id) ON DELETE CASCADE,
    event_id          VARCHAR(36)  NOT NULL,
    event_position    BIGINT       NOT NULL,
    event_type        VARCHAR(32)  NOT NULL,
    customer_id       VARCHAR(36)  NOT NULL,
    -- the customer's event sequence: a customer's deliveries go out in this order, one at a time
    sequence          BIGINT       NOT NULL,
    -- when the event was committed: the start of the delivery latency
    occurred_at       TIMESTAMPTZ  NOT NULL,
    -- pending, delivered or failed (given up after the retry max-age)
    status            VARCHAR(16)  NOT NULL,
    attempts          INT          NOT NULL DEFAULT 0,
    last_status_code  INT,
    last_error        VARCHAR(500),
    -- when it was first tried: a delivery given up while its webhook failed ever since disables the webhook
    first_attempt_at  TIMESTAMPTZ,
    next_attempt_at   TIMESTAMPTZ  NOT NULL,
    give_up_at        TIMESTAMPTZ  NOT NULL,
    -- a process sending it holds it until then; a crashed process's lease simply runs out
    leased_until      TIMESTAMPTZ,
    created           TIMESTAMPTZ  NOT NULL,
    delivered_at      TIMESTAMPTZ,
    -- a replayed event plans no second delivery
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_customer_order ON webhook_delivery (webhook_id, customer_id, sequence) WHERE status = 'pending';
CREATE INDEX webhook_delivery_newest ON webhook_delivery (webhook_id, created DESC, event_position DESC);
