package dev.lockstep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@PostgresVersion(13)
class AnnotatedVersionTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @Test
    void theTestClassAnnotationChoosesTheVersion() {
        assertThat(pg.serverVersion()).isEqualTo(13);
        assertThat(pg.queryValue("SELECT current_database()")).isEqualTo(pg.database());
    }
}
