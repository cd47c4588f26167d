package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;

/**
 * An ordinary login role for a test database: no superuser, no pg_monitor, no pg_read_all_stats. It logs
 * in with its password (the test server requires one from every role but the superuser).
 */
final class LoginRole {
    static final String PASSWORD = "pw-0f7c";

    final String name;
    private final TestPostgres pg;

    LoginRole(TestPostgres pg, String prefix) {
        this.pg = pg;
        this.name = prefix + "_" + pg.database();
        pg.execute("DO $$ BEGIN CREATE ROLE " + name + " LOGIN PASSWORD '" + PASSWORD + "'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    /** The URL that logs in as this role. */
    String url() {
        return "postgres://" + name + ":" + PASSWORD + "@localhost:" + pg.port() + "/" + pg.database();
    }

    /** What an application owner usually has: CREATE on the database and on schema public. */
    LoginRole owningTheDatabase() {
        pg.execute("GRANT CREATE ON DATABASE " + pg.database() + " TO " + name);
        pg.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + name);
        return this;
    }
}
