package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The version contract on the default server: PostgreSQL 15, or the version -Dlockstep.test.postgres names. */
class Pg15ContractTest {
    /** The default server: the one the whole suite runs on. */
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Nested
    class Migrations extends VersionContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return Integer.getInteger(TestPostgres.VERSION_PROPERTY, 15);
        }
    }

    @Nested
    class Features extends VersionFeatureContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return Integer.getInteger(TestPostgres.VERSION_PROPERTY, 15);
        }
    }
}
