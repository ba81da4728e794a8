-- The audit trail. Every hub_request_step row is an audit event, written in the same transaction as
-- the state it records (the outbox). The appender then gives it its place in an RFC 6962 Merkle log:
-- its leaf index, the leaf hash of its content and an Ed25519 signature over both, and after each
-- batch signs a checkpoint (tree size, root). `agent-hub audit verify` recomputes all of it.
ALTER TABLE hub_request_step ADD COLUMN leaf_index BIGINT;
ALTER TABLE hub_request_step ADD COLUMN leaf_hash VARCHAR(64);
ALTER TABLE hub_request_step ADD COLUMN leaf_signature VARCHAR(128);

-- One record per place in the log; NULL (not yet appended) is allowed many times.
CREATE UNIQUE INDEX ux_hub_request_step_leaf ON hub_request_step (leaf_index);

CREATE TABLE audit_checkpoint (
    tree_size  BIGINT       NOT NULL PRIMARY KEY,
    root_hash  VARCHAR(64)  NOT NULL,
    signed_at  VARCHAR(40)  NOT NULL,
    key_id     VARCHAR(16)  NOT NULL,
    signature  VARCHAR(128) NOT NULL
);
