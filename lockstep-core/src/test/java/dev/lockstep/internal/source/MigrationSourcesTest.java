package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSourcesTest {
    @TempDir
    Path work;

    @Test
    void theConfiguredMigrationsForLintAreTheSameWithoutChecksumsAndWithTheIgnoreGlobs() throws IOException {
        Path dir = Files.createDirectories(work.resolve("db"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id bigint);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id bigint);\n");
        Files.writeString(dir.resolve("scratch.sql"), "SELECT 1;\n");
        LockstepConfig config = LockstepConfig.builder().workDir(work).set(Setting.DIR, dir)
                .set(Setting.IGNORE, List.of("scratch.sql")).build();

        MigrationSet full = MigrationSources.load(config);
        MigrationSet lint = MigrationSources.loadForLint(config);

        assertThat(full.versioned()).allSatisfy(m -> assertThat(m.checksum()).hasSize(64));
        assertThat(lint.versioned()).allSatisfy(m -> assertThat(m.checksum()).isNull());
        assertThat(lint.versioned()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("checksum")
                .isEqualTo(full.versioned());
        assertThat(lint.ignored()).isEqualTo(full.ignored()).isEmpty(); // the glob applies to both
        assertThat(lint.versioned()).extracting(m -> m.up().path()).containsExactly("db/V1__a.sql", "db/V2__b.sql");
    }
}
