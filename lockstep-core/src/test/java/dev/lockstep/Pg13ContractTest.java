package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The version contract on PostgreSQL 13. */
class Pg13ContractTest {
    @RegisterExtension
    static final TestPostgres postgres = TestPostgres.version(13);

    /** The suites below run on the server this class names, not on the default one. */
    @Test
    void theServerIsTheVersionThisClassNames() {
        assertThat(Integer.parseInt(postgres.queryValue("SHOW server_version_num")) / 10000).isEqualTo(13);
    }

    @Nested
    class Migrations extends VersionContract {
        @Override
        TestPostgres server() {
            return postgres;
        }

        @Override
        int version() {
            return 13;
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
            return 13;
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
            return 13;
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
            return 13;
        }
    }
}
