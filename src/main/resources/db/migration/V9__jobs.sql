-- Back-office jobs (issue 23): each run of a job (collections, claims-intake) for one tenant in one cycle, and each
-- record it worked through. A record is itself a hub request (its idempotency key names the record within its cycle),
-- so the request ledger keeps it done once across crashes and reruns; these tables keep what an operator asks of a
-- run: is it running, how far has it got, what did it do.
CREATE TABLE hub_job_run (
    run_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    job          VARCHAR(64)  NOT NULL,
    tenant       VARCHAR(64)  NOT NULL,
    -- the period in which a record is done at most once (a day, a week or a month, as hub.jobs.<job>.cycle says)
    cycle        VARCHAR(16)  NOT NULL,
    dry_run      BOOLEAN      NOT NULL,
    started_by   VARCHAR(200) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    -- how many records the job found to work through, when it knows (for progress and the time remaining)
    total        INTEGER,
    -- why a run failed, by kind (never an exception's message, which may quote personal data)
    failure      VARCHAR(200)
);

CREATE INDEX ix_hub_job_run_job ON hub_job_run (job, tenant, started_at);
CREATE INDEX ix_hub_job_run_status ON hub_job_run (status);

CREATE TABLE hub_job_record (
    run_id      VARCHAR(36)  NOT NULL REFERENCES hub_job_run (run_id),
    record_key  VARCHAR(200) NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,
    -- the hub request the record became (none for a dry run, or a record skipped before it was admitted)
    request_id  VARCHAR(36),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, record_key)
);
