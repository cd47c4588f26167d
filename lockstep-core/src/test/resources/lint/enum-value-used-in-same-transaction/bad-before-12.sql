-- findings: 1
-- pg-version: 11
-- expect: before PostgreSQL 12
ALTER TYPE task_state ADD VALUE 'archived';
