package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.MigrateResult;
import dev.lockstep.MigrationInfo;
import dev.lockstep.MigrationState;
import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.cli.CliContext;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.Globals;
import dev.lockstep.cli.render.RunText;
import dev.lockstep.cli.render.StatusText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;

/**
 * Exercises the usual code paths offline (load, split, plan, render text and JSON, log in and query
 * through a protocol stub) so that the launcher's class-data-sharing archives hold the classes a real
 * command needs. Run by {@code ./lockstep} once after each build; not for users. {@code __warmup lint}
 * ({@link #lint}) records the small archive every command maps first, {@code __warmup} the one on top.
 */
@Command(name = "__warmup", hidden = true)
public final class WarmupCommand extends Subcommand {
    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("lockstep-warmup");
        try {
            lintIn(dir);
            // A project's lockstep.toml: without its reader's classes in the archive (a TOML parser, ~400
            // classes), a lint in a project that has one took ~80 ms longer.
            write(dir.resolve("lockstep.toml"), """
                    # A comment; with "quotes" and 'apostrophes'.
                    history-schema = "lockstep"
                    lock-timeout = "2s"

                    [env.staging]
                    url-env = "LOCKSTEP_WARMUP_URL"
                    protected = true

                    [lint]
                    pg-version = 15
                    disable = ["prefer-text-field", 'ban-char-field']

                    [lint.severity]
                    prefer-timestamptz = "warning"
                    """);
            // A finding on a line that mentions a password: the text output's redactor then looks at it.
            write(dir.resolve("V5__secret.sql"), "ALTER TABLE s ADD COLUMN password_hash text NOT NULL; "
                    + "-- user@example.com\n");
            // SARIF, the lock timeline, text, a lint in a project with a lockstep.toml, and through the API.
            for (String[] args : List.of(new String[] {"lint", "--pg-version", "15", "--format", "sarif", dir.toString()},
                    new String[] {"lint", "--pg-version", "15", dir.toString()},
                    new String[] {"lint", "--pg-version", "15", "--explain", dir.resolve("V4__blocks.sql").toString()})) {
                dev.lockstep.cli.Main.run(sinkIn(dir), args);
            }
            Lockstep offline = Lockstep.configure().workDir(dir).dir(dir).set(Setting.LINT_PG_VERSION, 15).build();
            offline.lint(List.of(), null);
            render();
            talkToStub();
        } finally {
            delete(dir);
        }
        // Which JDK the archives are written with, for Main to tell an update of it from another JDK.
        String record = System.getProperty("lockstep.archive.jdk");
        if (record != null) {
            write(Path.of(record), System.getProperty("java.home"));
        }
        return 0;
    }

    /**
     * What a lint without a database loads, run as {@code lockstep __warmup lint} without picocli's model (as
     * a lint runs), and picocli's classes (loaded, not used): the small archive. Every command maps it, so
     * the fewer classes it holds the faster a lint starts; picocli's are there because an archive written on
     * top of another cannot hold Java 5 class files, and every other command uses them.
     */
    public static int lint() throws IOException {
        // Not createTempDirectory, whose random name loads the security providers, nor the process id, which
        // links lambdas: a lint does neither. The clock's nanoseconds, and an error should the name be taken.
        Path dir = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                "lockstep-warmup-" + System.nanoTime()));
        try {
            lintIn(dir);
        } finally {
            delete(dir);
        }
        List<Class<?>> classes = new ArrayList<>(List.of(picocli.CommandLine.class));
        for (int i = 0; i < classes.size(); i++) {
            // a loop, not addAll: ArrayDeque's links a lambda, which a lint does not
            for (Class<?> member : classes.get(i).getDeclaredClasses()) {
                classes.add(member);
            }
        }
        return 0;
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    delete(entry);
                }
            }
        }
        Files.delete(path);
    }

    /** The lint command as users run it (without picocli's model), on files like theirs. */
    private static void lintIn(Path dir) throws IOException {
        write(dir.resolve("V1__create.sql"), "-- lockstep:lock-timeout 2s\nCREATE TABLE t (id int);\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nINSERT INTO t VALUES (1);\n");
        write(dir.resolve("U1__create.sql"), "DROP TABLE t;\n");
        write(dir.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        write(dir.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        write(dir.resolve("V3__lint.sql"), "CREATE INDEX i ON t (id);\nALTER TABLE t ADD COLUMN x "
                + "varchar(9) NOT NULL DEFAULT random();\nALTER TABLE t ADD CONSTRAINT c CHECK (id > 0);\n"
                + "CREATE TABLE u (id serial PRIMARY KEY, at timestamp, c char(2), t_id int REFERENCES t);\n"
                + "UPDATE t SET id = 1, id = 2;\nREINDEX TABLE t;\nREFRESH MATERIALIZED VIEW v;\n");
        write(dir.resolve("V4__blocks.sql"), "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE t "
                + "ADD CONSTRAINT f FOREIGN KEY (id) REFERENCES u NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE t VALIDATE "
                + "CONSTRAINT f;\nCOMMIT;\nCREATE INDEX CONCURRENTLY j ON t (id);\nVACUUM FULL t;\n");
        // The lint command as a user runs it (without picocli's model), in text and JSON.
        CliContext lintContext = sinkIn(dir);
        for (String[] args : List.of(new String[] {"lint", "--pg-version", "15", "--dir", dir.toString()},
                new String[] {"lint", "--pg-version", "15", "--format", "json", dir.toString()})) {
            dev.lockstep.cli.Main.run(lintContext, args);
        }
        lintMany(dir.resolve("many"), lintContext);
        lintOtherShapes(dir.resolve("shapes"), lintContext);
        // A real command reads the environment through the map's entry set, which the context above skips.
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            variable.getKey();
        }
    }

    /** Writes a file as a stream, not through a file channel, whose classes a lint does not load. */
    private static void write(Path file, String text) throws IOException {
        try (OutputStream out = new java.io.FileOutputStream(file.toFile())) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static CliContext sinkIn(Path dir) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        return new CliContext(sink, sink, null, Map.of(), dir, Clock.systemUTC(), false);
    }

    /**
     * A directory long enough to be read and linted on every core: the fork-join classes that takes would
     * otherwise be loaded from the jar, and opening the jar costs a short command ~10 ms.
     */
    private static void lintMany(Path many, CliContext context) throws IOException {
        Files.createDirectories(many);
        for (int i = 1; i <= 40; i++) {
            write(many.resolve("V" + i + "__step.sql"), "CREATE TABLE t" + i + " (id bigint PRIMARY KEY);\n");
        }
        dev.lockstep.cli.Main.run(context, new String[] {"lint", "--pg-version", "15", "--format", "json", many.toString()});
    }

    /**
     * What a real history has that the files above do not, so that its classes are in the archive too (one
     * class from the jar opens it, ~10 ms): a directory per migration (diesel), a suppression, a syntax
     * error.
     */
    private static void lintOtherShapes(Path shapes, CliContext context) throws IOException {
        Path diesel = Files.createDirectories(shapes.resolve("diesel/2024-01-01-000000_create"));
        write(diesel.resolve("up.sql"), "CREATE TABLE d (id int PRIMARY KEY);\n");
        write(diesel.resolve("down.sql"), "DROP TABLE d;\n");
        Path files = Files.createDirectories(shapes.resolve("files"));
        write(files.resolve("V1__suppressed.sql"), "-- lockstep:ignore prefer-text-field fixed width\n"
                + "CREATE TABLE s (id bigint PRIMARY KEY, code varchar(9));\nCREATE INDEX s_code ON s (code);\n");
        write(files.resolve("V3__broken.sql"), "SELECT 'unterminated;\n");
        for (String format : List.of("text", "json")) {
            dev.lockstep.cli.Main.run(context, new String[] {"lint", "--pg-version", "15", "--format", format,
                shapes.resolve("diesel").toString(), files.toString()});
        }
    }

    private static void render() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        CliContext ctx = new CliContext(sink, sink, null, Map.of(), Path.of("."), Clock.systemUTC(), false);
        MigrationInfo info = new MigrationInfo("1", "create", "versioned", MigrationState.APPLIED, "V1__create.sql",
                Instant.now(), 12L, null);
        StatusResult status = new StatusResult("db", "h", "m", "1", List.of(info), List.of());
        MigrateResult run = new MigrateResult("migrate", "r", "db", true, null, null, List.of(),
                List.of(new PlannedMigration("1", "create", "V1__create.sql", "apply", true, null, "1000ms", "2000ms", 0,
                        List.of(new PlannedStatement(1, "CREATE TABLE t (id int)", "CREATE TABLE", "none", List.of(), List.of())),
                        List.of())),
                1);
        for (Globals.OutputFormat format : Globals.OutputFormat.values()) {
            Globals globals = new Globals();
            globals.output(format);
            Console console = new Console(ctx, globals);
            StatusText.render(console, status, "default");
            RunText.render(console, run);
            console.result(status);
        }
    }

    /** Logs in to the protocol stub and runs the kinds of query a command runs: loads the driver's classes. */
    private static void talkToStub() throws IOException {
        try (ProtocolStub stub = new ProtocolStub()) {
            Properties p = new Properties();
            p.setProperty("user", "warmup");
            p.setProperty("connectTimeout", "2");
            p.setProperty("socketTimeout", "2");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stub.port() + "/warmup", p)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                    ps.setString(1, "x");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                            rs.getBoolean(1);
                            rs.getObject(1);
                            rs.getTimestamp(1);
                        }
                    }
                }
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
            } catch (SQLException | RuntimeException expected) {
                // The stub is no database; what matters is the classes the driver loaded on the way.
            }
            // A command's way in (target, session, connector) and the snapshot's catalog reader, as far as a
            // stub that answers every query with one value lets them go.
            Lockstep onStub = Lockstep.configure().set(Setting.URL, "postgres://warmup@127.0.0.1:" + stub.port()
                    + "/warmup").set(Setting.CONNECT_TIMEOUT, java.time.Duration.ofSeconds(2)).build();
            // On a thread of its own, waited for a few seconds at most: should the driver ever wait for an
            // answer the stub does not give, the warm-up still ends (and the JVM with it: a daemon thread).
            Thread snapshot = new Thread(() -> {
                try {
                    onStub.snapshot(null);
                } catch (RuntimeException expected) {
                    // as above
                }
            }, "lockstep-warmup-snapshot");
            snapshot.setDaemon(true);
            snapshot.start();
            try {
                snapshot.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
