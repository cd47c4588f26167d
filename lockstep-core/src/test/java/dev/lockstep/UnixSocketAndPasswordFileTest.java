package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Connecting as psql does: through the server's Unix-domain socket, and with the password file libpq would read. */
class UnixSocketAndPasswordFileTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    String socketDir;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__a.sql", "CREATE TABLE a (id int);");
        // the directory the test server's socket is in, as the server says
        socketDir = pg.queryValue("SELECT split_part(current_setting('unix_socket_directories'), ',', 1)").strip();
        assertThat(Path.of(socketDir, ".s.PGSQL." + pg.port())).exists();
    }

    private Lockstep viaEnvironment(Map<String, String> variables) {
        return m.lockstep(null, b -> b.variables(variables));
    }

    @Test
    void pghostNamingASocketDirectoryConnectsThroughTheSocket() {
        Lockstep lockstep = viaEnvironment(Map.of("PGHOST", socketDir, "PGPORT", Integer.toString(pg.port()),
                "PGUSER", "postgres", "PGDATABASE", pg.database()));
        MigrateResult r = lockstep.migrate();
        assertThat(r.database()).isEqualTo("postgres@" + socketDir + ":" + pg.port() + "/" + pg.database());
        assertThat(pg.tableExists("a")).isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE success")).isEqualTo("1");
        assertThat(lockstep.status().upToDate()).isTrue();
    }

    @Test
    void aUrlNamesTheSocketDirectoryAsLibpqReadsIt() {
        String encoded = "postgres://postgres@" + socketDir.replace("/", "%2F") + ":" + pg.port() + "/" + pg.database();
        assertThat(m.lockstep(encoded).migrate().executed()).hasSize(1);
        String query = "postgres:///" + pg.database() + "?host=" + socketDir + "&port=" + pg.port() + "&user=postgres";
        assertThat(m.lockstep(query).status().database()).isEqualTo("postgres@" + socketDir + ":" + pg.port() + "/"
                + pg.database());
    }

    @Test
    void aSocketNobodyListensOnIsAnErrorNamingTheSocketFile() throws Exception {
        Path empty = Files.createDirectories(root.resolve("sockets"));
        Lockstep lockstep = viaEnvironment(Map.of("PGHOST", empty.toString(), "PGPORT", "5432", "PGUSER", "postgres"));
        assertThatThrownBy(lockstep::status).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
            assertThat(e.getMessage()).contains(empty.resolve(".s.PGSQL.5432").toString())
                    .containsIgnoringCase("no such file");
            assertThat(e.hint()).contains("listens on the socket " + empty.resolve(".s.PGSQL.5432"));
        });
    }

    @Test
    void aPasswordFileOthersCanReadIsIgnoredWithAWarningAsPsqlDoes() throws Exception {
        pg.execute("DO $$ BEGIN CREATE ROLE pgpass_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        pg.execute("ALTER ROLE pgpass_reader PASSWORD 'from-the-file'");
        pg.execute("GRANT ALL ON DATABASE " + pg.database() + " TO pgpass_reader");
        pg.execute("GRANT ALL ON SCHEMA public TO pgpass_reader");
        Path passFile = root.resolve("pgpass");
        Files.writeString(passFile, "*:*:*:pgpass_reader:from-the-file\n");
        Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-r--r--"));
        String url = "postgres://pgpass_reader@localhost:" + pg.port() + "/" + pg.database();

        Lockstep readable = m.lockstep(url, b -> b.variables(Map.of("PGPASSFILE", passFile.toString())));
        assertThatThrownBy(readable::status).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
            assertThat(e.getMessage()).contains("the server asks for the password of pgpass_reader and none was given");
            assertThat(e.hint()).contains("PGPASSWORD").contains("~/.pgpass").doesNotContain("server is running");
        });
        assertThat(m.notices).anyMatch(n -> n.contains("password file " + passFile + " has group or world access (rw-r--r--); "
                + "it is ignored") && n.contains("chmod 600 " + passFile));

        Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
        assertThat(m.lockstep(url, b -> b.variables(Map.of("PGPASSFILE", passFile.toString()))).migrate().executed())
                .hasSize(1);
    }
}
