package dev.lockstep.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lockstep.toml is read without an object mapper into the very tree the mapper would give. */
class ConfigFileTest {
    @TempDir
    Path work;

    private Path file(String toml) throws IOException {
        return Files.writeString(work.resolve("lockstep.toml"), toml);
    }

    @Test
    void theTreeIsTheOneTheMapperReads() throws IOException {
        String toml = """
                # every kind of value a TOML file can hold
                dir = "db/migrations"
                literal = 'C:\\\\no\\\\escapes'
                escaped = "tab\\tquote\\" \\u00e9"
                multi = \"\"\"
                two
                lines\"\"\"
                small = 42
                negative = -7
                big = 9007199254740993
                huge = 123456789012345678901234567890
                hex = 0xff
                ratio = 0.25
                exp = 6.02e23
                yes = true
                no = false
                when = 2026-12-01T10:00:00Z
                day = 2026-12-01
                empty = []
                mixed = [1, "two", [3, 4], { five = 5 }]
                inline = { a = 1, b = { c = "d" } }
                dotted.key = "value"

                [env.production]
                url-env = "PROD_DATABASE_URL"
                protected = true

                [lint.severity]
                prefer-timestamptz = "warning"

                [[verify.sql]]
                name = "one"

                [[verify.sql]]
                name = "two"
                """;
        Path f = file(toml);
        assertThat(TomlTree.read(f)).isEqualTo(new TomlMapper().readTree(f.toFile()));
    }

    @Test
    void anEmptyFileIsAnEmptyTable() throws IOException {
        Path f = file("# nothing but a comment\n");
        assertThat(TomlTree.read(f)).isEqualTo(new TomlMapper().readTree(f.toFile()));
        assertThat(TomlTree.read(f).size()).isZero();
    }

    @Test
    void badTomlFailsAsTheMapperFails() throws IOException {
        Path f = file("lock-timeout = \"2s\nnext = 1\n");
        assertThatThrownBy(() -> TomlTree.read(f)).isInstanceOf(IOException.class)
                .hasMessage(messageOf(f));
    }

    private static String messageOf(Path f) {
        try {
            new TomlMapper().readTree(f.toFile());
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("the mapper read bad TOML");
    }
}
