-- pg-version: 12
ALTER TYPE task_state ADD VALUE 'archived';
