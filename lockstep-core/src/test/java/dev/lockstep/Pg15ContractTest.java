package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The version-dependent part of the contract on the default server: PostgreSQL 15, or the version
 * {@code -Dlockstep.test.postgres} names. The rest of the contract is what the whole suite tests on it.
 */
class Pg15ContractTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    /** The suites below run on the version the build asked for (15 unless -Dlockstep.test.postgres says). */
    @Test
    void theServerIsTheVersionThisClassNames() {
        assertThat(Integer.parseInt(postgres.queryValue("SHOW server_version_num")) / 10000)
                .isEqualTo(Integer.getInteger(TestPostgres.VERSION_PROPERTY, 15));
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

    @Nested
    class Snapshots extends SnapshotContract {
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
    class Lint extends LintVersionContract {
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
