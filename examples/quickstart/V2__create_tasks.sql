-- Tasks belong to a project; their state is an enum. A demo account with 5,000 tasks gives the
-- later migrations something to work on.
CREATE TYPE task_state AS ENUM ('todo', 'doing', 'done');

CREATE TABLE tasks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title      text        NOT NULL,
    state      task_state  NOT NULL DEFAULT 'todo',
    due_on     date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO accounts (name, email) VALUES ('Demo', 'demo@example.com');
INSERT INTO projects (account_id, name) SELECT id, 'Launch' FROM accounts WHERE email = 'demo@example.com';
INSERT INTO tasks (project_id, title, state, due_on)
SELECT p.id,
       'Task #' || g,
       (ARRAY['todo', 'doing', 'done']::task_state[])[1 + g % 3],
       current_date + (g % 30)
FROM projects p, generate_series(1, 5000) AS g;
