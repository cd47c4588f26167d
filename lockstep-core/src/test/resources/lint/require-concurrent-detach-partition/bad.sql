-- findings: 1
-- pg-version: 14
-- expect: CONCURRENTLY
ALTER TABLE events DETACH PARTITION events_2023;
