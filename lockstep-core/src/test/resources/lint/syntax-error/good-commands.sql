-- Commands without a kind of their own are still commands.
(SELECT 1) UNION (SELECT 2);
PREPARE one AS SELECT 1;
EXECUTE one;
DEALLOCATE one;
CHECKPOINT;
LISTEN changes;
NOTIFY changes, 'x';
UNLISTEN changes;
DISCARD PLANS;
SECURITY LABEL FOR selinux ON TABLE labels IS 'system_u:object_r:sepgsql_table_t:s0';
REASSIGN OWNED BY old_owner TO new_owner;
IMPORT FOREIGN SCHEMA remote FROM SERVER other INTO local;
LOAD 'auto_explain';
