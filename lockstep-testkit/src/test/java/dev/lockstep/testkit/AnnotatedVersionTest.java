package dev.lockstep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same version as {@link VersionedServerTest}'s: both classes share that server, each its own database. */
@PostgresVersion(18)
class AnnotatedVersionTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @Test
    void theTestClassAnnotationChoosesTheVersion() {
        assertThat(pg.serverVersion()).isEqualTo(18);
        assertThat(pg.queryValue("SELECT current_database()")).isEqualTo(pg.database());
        assertThat(pg.port()).isEqualTo(SharedServers.server(18).getPort());
    }
}
