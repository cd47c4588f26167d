-- lockstep:ignore ban-drop-table replaced by accounts_v2 in release 3.1
DROP TABLE accounts_v1;
