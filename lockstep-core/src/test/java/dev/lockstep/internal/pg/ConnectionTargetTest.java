package dev.lockstep.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTargetTest {

    @Test
    void readsAPostgresUri() {
        ConnectionTarget t = ConnectionTarget.parse(
                "postgres://app:s%40cret@db.example.com:6543/shop?sslmode=require&application_name=x", Map.of());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop");
        assertThat(t.user()).isEqualTo("app");
        assertThat(t.password()).isEqualTo("s@cret");
        assertThat(t.properties()).containsEntry("sslmode", "require").containsEntry("ApplicationName", "x");
        assertThat(t.display()).isEqualTo("app@db.example.com:6543/shop").doesNotContain("cret");
        assertThat(t.toString()).doesNotContain("cret");
    }

    @Test
    void readsAJdbcUrlWithUserAndPasswordParameters() {
        ConnectionTarget t = ConnectionTarget.parse("jdbc:postgresql://localhost/app?user=u&password=p", Map.of());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
        assertThat(t.user()).isEqualTo("u");
        assertThat(t.password()).isEqualTo("p");
    }

    @Test
    void pgVariablesFillInWhatTheUrlLeavesOut() {
        ConnectionTarget t = ConnectionTarget.parse("postgres://db", Map.of("PGUSER", "ops", "PGDATABASE", "main",
                "PGPASSWORD", "pw"));
        assertThat(t.display()).isEqualTo("ops@db:5432/main");
        assertThat(t.password()).isEqualTo("pw");
    }

    @Test
    void buildsATargetFromPgVariablesAlone() {
        ConnectionTarget t = ConnectionTarget.fromEnv(Map.of("PGHOST", "h", "PGPORT", "7777", "PGUSER", "u",
                "PGDATABASE", "d", "PGSSLMODE", "verify-full"));
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h:7777/d");
        assertThat(t.properties()).containsEntry("sslmode", "verify-full");
    }

    @Test
    void findsThePasswordInThePasswordFile(@TempDir Path home) throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# comment\nother:*:*:*:nope\ndb:5432:app:u:pa\\:ss\n*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionTarget t = ConnectionTarget.parse("postgres://u@db/app", Map.of("HOME", home.toString()));
        assertThat(t.password()).isEqualTo("pa:ss");
        ConnectionTarget other = ConnectionTarget.parse("postgres://x@elsewhere/app", Map.of("HOME", home.toString()));
        assertThat(other.password()).isEqualTo("fallback");
    }

    @Test
    void ignoresAPasswordFileOthersCanRead(@TempDir Path home) throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ConnectionTarget.parse("postgres://u@db/app", Map.of("HOME", home.toString())).password()).isNull();
    }

    @Test
    void rejectsWhatIsNotAPostgresUrlWithoutEchoingThePassword() {
        assertThatThrownBy(() -> ConnectionTarget.parse("mysql://u:hunter2@h/db", Map.of()))
                .isInstanceOf(LockstepException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redactsPasswordsInAnyText() {
        assertThat(Redactor.redact("cannot reach postgres://app:hunter2@db:5432/x and jdbc:postgresql://h/d?user=a&password=pw"))
                .doesNotContain("hunter2").doesNotContain("pw").contains("postgres://app:***@db:5432/x");
        assertThat(Redactor.redact("postgres://app:p@ss@db/x")).doesNotContain("p@ss").doesNotContain("ss@db");
    }
}
