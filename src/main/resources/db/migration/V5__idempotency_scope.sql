-- Idempotency keys are scoped per tenant and caller, and a key names one request: the keyed digest of
-- what was asked is kept, so the same key with a different request is refused instead of answered
-- with another customer's answer.

ALTER TABLE hub_request ADD COLUMN caller VARCHAR(128);
ALTER TABLE hub_request ADD COLUMN request_fingerprint VARCHAR(64);
UPDATE hub_request SET caller = channel WHERE caller IS NULL;
ALTER TABLE hub_request ALTER COLUMN caller SET NOT NULL;

DROP INDEX ux_hub_request_idempotency;
CREATE UNIQUE INDEX ux_hub_request_idempotency ON hub_request (tenant, caller, idempotency_key);
-- Recovery on start looks for requests that were admitted but never answered.
CREATE INDEX ix_hub_request_status ON hub_request (status);
