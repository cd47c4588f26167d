-- findings: 1
-- A statement that uses a label added to two enums is reported once.
ALTER TYPE job_status ADD VALUE 'BACKOFF';
ALTER TYPE step_status ADD VALUE 'BACKOFF';
UPDATE jobs SET status = 'BACKOFF' WHERE retries > 0;
