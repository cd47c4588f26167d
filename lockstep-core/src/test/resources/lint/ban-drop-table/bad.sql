-- findings: 1
DROP TABLE IF EXISTS old_events, older_events;
