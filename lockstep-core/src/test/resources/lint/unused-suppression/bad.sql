-- lockstep:ignore ban-drop-table nothing is dropped here any more
-- findings: 1
CREATE TABLE accounts (id bigint PRIMARY KEY);
