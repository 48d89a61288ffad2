-- Claims and completions of the Fonella webhook deduplication store (fonella.webhooks.deduplication.store=jdbc).
-- One row per (event, handler). completed: 0 = claimed, 1 = completed. expires_at: epoch milliseconds when the
-- claim's lease or the completion's retention ends; rows past it are ignored and removed by the store.
CREATE TABLE IF NOT EXISTS fonella_event_claims (
    event_id   VARCHAR(255) NOT NULL,
    handler_id VARCHAR(255) NOT NULL,
    owner_id   VARCHAR(64)  NOT NULL,
    completed  SMALLINT     NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (event_id, handler_id),
    INDEX fonella_event_claims_expires_at (expires_at)
);
