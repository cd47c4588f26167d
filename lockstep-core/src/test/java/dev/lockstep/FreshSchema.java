package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;

/**
 * Empties a test database and gives its public schema back the owner, grants and comment a new database
 * has, so that a schema comparison with a database created from template0 sees only what a test did.
 */
final class FreshSchema {
    private FreshSchema() {
    }

    static void reset(TestPostgres pg) {
        pg.reset();
        pg.execute("ALTER SCHEMA public OWNER TO pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; "
                + "COMMENT ON SCHEMA public IS 'standard public schema'");
    }
}
