-- Attach the index built concurrently: a moment of ACCESS EXCLUSIVE, no build under the lock.
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;
