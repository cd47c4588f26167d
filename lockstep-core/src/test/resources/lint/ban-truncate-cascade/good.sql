TRUNCATE audit_events, audit_details;
