-- Pseudonymisation. Personal data found in a request is replaced by typed tokens (<PERSON_1>) before
-- anything stores or reads the text; the original values live only here, each encrypted (AES-256-GCM)
-- with a key of its own data subject. That key is stored wrapped by the hub's master key. Erasing a
-- subject destroys their key (crypto-shredding): their values become unreadable everywhere at once,
-- backups included, while the audit log, which holds only tokens and digests, still verifies.

CREATE TABLE vault_subject_key (
    tenant      VARCHAR(64)  NOT NULL,
    subject_id  VARCHAR(128) NOT NULL,
    key_id      VARCHAR(36)  NOT NULL,
    wrapped_key VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, subject_id)
);

CREATE TABLE vault_value (
    tenant      VARCHAR(64)  NOT NULL,
    subject_id  VARCHAR(128) NOT NULL,
    token       VARCHAR(64)  NOT NULL,
    pii_type    VARCHAR(32)  NOT NULL,
    key_id      VARCHAR(36)  NOT NULL,
    -- HMAC of the normalised value under the subject's key: finds a value's token again without storing
    -- the value in clear; meaningless once the key is gone.
    value_mac   VARCHAR(64),
    -- NULL once the value is erased or past retention. The row stays, so its token is never given to
    -- another value of the same subject.
    ciphertext  VARCHAR,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, subject_id, token)
);

CREATE UNIQUE INDEX ux_vault_value_mac ON vault_value (tenant, subject_id, key_id, value_mac);
CREATE INDEX ix_vault_value_created ON vault_value (created_at);

-- Events that belong to no single request (a subject's erasure, a retention run) are audited too.
ALTER TABLE hub_request_step ALTER COLUMN request_id DROP NOT NULL;
