-- Webhook deliveries are leased in batches (query-side DeliveryStore.lease): a webhook's pending deliveries in
-- the order they fall due. Without this index every lease sorted all of the webhook's pending deliveries, so a
-- backlog of n drained in O(n²); with it a lease reads the due ones in order and stops at its batch.
CREATE INDEX webhook_delivery_due_of_webhook ON webhook_delivery (webhook_id, next_attempt_at, event_position) WHERE status = 'pending';
