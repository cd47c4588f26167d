-- The history of one Lockstep-managed database: one row per execution of a migration (apply, resume,
-- rollback, baseline). {schema} is replaced by the quoted history schema.
CREATE SCHEMA IF NOT EXISTS {schema};

CREATE TABLE IF NOT EXISTS {schema}.lockstep_history (
    id                 bigserial   PRIMARY KEY,
    version            text,
    description        text        NOT NULL,
    kind               text        NOT NULL,
    script             text        NOT NULL,
    checksum           text,
    checksum_algorithm text,
    transactional      boolean     NOT NULL DEFAULT true,
    installed_by       text        NOT NULL,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    duration_ms        bigint,
    success            boolean     NOT NULL,
    statements_applied integer     NOT NULL DEFAULT 0,
    statements_total   integer     NOT NULL DEFAULT 0,
    applied_hash       text,
    in_flight          integer,
    error_sqlstate     text,
    error_message      text,
    run_id             uuid        NOT NULL,
    tool_version       text        NOT NULL
);

CREATE TABLE IF NOT EXISTS {schema}.lockstep_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

INSERT INTO {schema}.lockstep_meta (key, value) VALUES ('history_format', '1')
ON CONFLICT (key) DO NOTHING;

-- Format 2: batched backfills record where they are, so that an interrupted one resumes there.
ALTER TABLE {schema}.lockstep_history ADD COLUMN IF NOT EXISTS batch_position text;
ALTER TABLE {schema}.lockstep_history ADD COLUMN IF NOT EXISTS rows_done bigint;
UPDATE {schema}.lockstep_meta SET value = '2' WHERE key = 'history_format' AND value = '1';
