-- findings: 2
CLUSTER events USING events_created_at;
CLUSTER;
