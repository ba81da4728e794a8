-- A referral looks for the review item its request already has (a request re-run after a crash must not
-- queue a second one): by request, not by scanning every pending item.
CREATE INDEX ix_hub_review_request ON hub_review (request_id, reason, status);
