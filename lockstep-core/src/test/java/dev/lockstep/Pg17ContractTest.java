package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The version contract on PostgreSQL 17. */
class Pg17ContractTest {
    @RegisterExtension
    static final TestPostgres postgres = TestPostgres.version(17);

    @Nested
    class Migrations extends VersionContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return 17;
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
            return 17;
        }
    }

    @Nested
    class Snapshots extends SnapshotContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return 17;
        }
    }

    @Nested
    class Lint extends LintVersionContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return 17;
        }
    }
}
