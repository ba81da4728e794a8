-- Messages sent to customers through the bank's contact systems (action send-outreach, JMS hub.outreach): one row per
-- outreach, written in the transaction that queues its message in hub_publication, so an outreach run again (a
-- request re-run after a crash, an approval executed twice) is published once.
CREATE TABLE hub_outreach (
    outreach_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    request_id       VARCHAR(36),
    tenant           VARCHAR(64)  NOT NULL,
    target           VARCHAR(100) NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    template         VARCHAR(80)  NOT NULL,
    template_version VARCHAR(16)  NOT NULL,
    created_at       TIMESTAMP    NOT NULL
);
CREATE INDEX hub_outreach_request ON hub_outreach (request_id);
