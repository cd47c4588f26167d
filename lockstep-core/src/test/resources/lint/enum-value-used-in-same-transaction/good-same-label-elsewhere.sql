-- The same label added to several enums, a label placed after the new one, and a comment quoting it:
-- none uses the new value, and PostgreSQL accepts them in the transaction that adds it.
ALTER TYPE job_status ADD VALUE 'BACKOFF';
ALTER TYPE step_status ADD VALUE 'BACKOFF';
ALTER TYPE job_status ADD VALUE 'PAUSED' AFTER 'BACKOFF';
COMMENT ON TYPE job_status IS 'BACKOFF: waiting to retry';
