-- pg-version: 13
-- no concurrent form before PostgreSQL 14: nothing better to write, so nothing reported
ALTER TABLE events DETACH PARTITION events_2023;
