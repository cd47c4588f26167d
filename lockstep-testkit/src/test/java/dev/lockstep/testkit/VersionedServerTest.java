package dev.lockstep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Servers of other versions than the class path's, side by side in one JVM. */
class VersionedServerTest {
    @RegisterExtension
    static final TestPostgres pg18 = TestPostgres.version(18);

    @Test
    void startsTheVersionAskedForFromItsJar() {
        assertThat(pg18.queryValue("SHOW server_version_num")).startsWith("18");
        assertThat(pg18.serverVersion()).isEqualTo(18);
        assertThat(pg18.queryValue("SELECT current_database()")).isEqualTo(pg18.database());
        assertThat(PgBinaries.version(18)).hasValueSatisfying(v -> assertThat(v).startsWith("18."));
    }

    @Test
    void eachVersionIsItsOwnServer() {
        assertThat(pg18.port()).isNotEqualTo(SharedServers.server(SharedServers.CLASS_PATH).getPort());
    }

    @Test
    void aVersionWithoutBinariesIsAClearError() throws Exception {
        assertThat(Files.isDirectory(PgBinaries.directory())).isTrue();
        assertThatThrownBy(() -> PgBinaries.of(12)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no PostgreSQL 12 server binaries in " + PgBinaries.directory().toAbsolutePath())
                .hasMessageContaining("pg-binaries");
        assertThatThrownBy(() -> TestPostgres.version(9)).isInstanceOf(IllegalArgumentException.class);
    }
}
