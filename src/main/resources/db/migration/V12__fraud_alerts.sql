-- Fraud-alert triage (routes/fraud-alerts.camel.yaml, docs/fraud-alerts.md). An alert from the bank's fraud engine
-- becomes one hub request; while the customer is asked whether they made the payment, the alert waits here, durable
-- across restarts. Its status moves awaiting-customer -> confirmed-fraud | not-fraud | escalated, each change in the
-- transaction that re-opens its request; closed_at is set with the request's final answer.
-- What the alert is about (card, amount, merchant) is kept so that a re-run after a crash can act without the
-- original message; no name, address or account number is held here.
CREATE TABLE hub_fraud_alert (
    tenant          VARCHAR(64)   NOT NULL,
    alert_id        VARCHAR(64)   NOT NULL,
    subject_id      VARCHAR(128)  NOT NULL,
    card_id         VARCHAR(64)   NOT NULL,
    amount          DECIMAL(19,2) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    merchant        VARCHAR(140)  NOT NULL,
    transaction_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    score           DECIMAL(6,4),
    -- SHA-256 of the alert as received: the same alert id with other content is refused, not merged
    alert_digest    VARCHAR(64)   NOT NULL,
    -- the id the customer's reply comes back with (hub.outreach-replies); random, so it cannot be guessed
    outreach_id     VARCHAR(36)   NOT NULL,
    request_id      VARCHAR(36),
    -- received (no outreach sent yet), awaiting-customer, confirmed-fraud, not-fraud, escalated
    status          VARCHAR(24)   NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- when silence is escalated to people; set when the outreach is sent
    deadline_at     TIMESTAMP WITH TIME ZONE,
    replied_at      TIMESTAMP WITH TIME ZONE,
    -- how the reply was read (confirmed-fraud, not-fraud, unclear) and by which rule; never the reply's words
    reply_reading   VARCHAR(24),
    reply_rule      VARCHAR(64),
    closed_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, alert_id)
);

CREATE UNIQUE INDEX ux_hub_fraud_alert_outreach ON hub_fraud_alert (outreach_id);
CREATE INDEX ix_hub_fraud_alert_status ON hub_fraud_alert (status, deadline_at);
