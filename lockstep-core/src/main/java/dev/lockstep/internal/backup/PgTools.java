package dev.lockstep.internal.backup;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.config.SearchPath;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.internal.pg.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs pg_dump and pg_restore against a target. Connection details go to them through the libpq
 * environment (PGHOST, PGPASSWORD, ...), never on the command line, where other users could read them.
 */
final class PgTools {
    private final Path bin;
    private final ConnectionTarget target;

    PgTools(Path bin, ConnectionTarget target) {
        this.bin = bin;
        this.target = target;
    }

    record Run(int exit, String stderr) {
    }

    /** Finds the client tools: in {@code pgBin} when set, else the newest on the PATH and in the usual places. */
    static ClientToolFinder finder(Path pgBin) {
        return new ClientToolFinder(pgBin, SearchPath.directories(), ClientToolFinder.usualDirectories());
    }

    static int major(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    /**
     * Runs the tool against {@code database} (null: the target's); stdout and stderr are captured
     * together, since the tools write their diagnostics to stderr.
     */
    Run run(String tool, List<String> args, String database, boolean versionOnly) {
        ProcessBuilder pb = builder(tool, args, database, versionOnly).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.waitFor(), Redactor.redact(out, target.password()));
        } catch (IOException e) {
            throw missing(tool, pb.command().get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(ErrorCode.BACKUP, "interrupted while running " + tool, null, e);
        }
    }

    /**
     * Runs the tool with its standard output written to {@code file} and fed to {@code digest} as it
     * arrives: the dump's checksum costs no second pass over it.
     */
    Run runTo(String tool, List<String> args, Path file, java.security.MessageDigest digest) {
        ProcessBuilder pb = builder(tool, args, null, false);
        Path errors = null;
        try {
            errors = java.nio.file.Files.createTempFile("lockstep-" + tool, ".err");
            pb.redirectError(errors.toFile());
            Process p = pb.start();
            try (var in = p.getInputStream(); var out = java.nio.file.Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 17];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    digest.update(buf, 0, n);
                }
            }
            int exit = p.waitFor();
            return new Run(exit, Redactor.redact(java.nio.file.Files.readString(errors), target.password()));
        } catch (IOException e) {
            throw missing(tool, pb.command().get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(ErrorCode.BACKUP, "interrupted while running " + tool, null, e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    private LockstepException missing(String tool, String command, IOException e) {
        return new LockstepException(ErrorCode.BACKUP, "cannot run " + command + ": " + e.getMessage(),
                "install the PostgreSQL client tools (e.g. apt-get install postgresql-client), or set pg-bin "
                        + "to the directory that has " + tool, e);
    }

    private ProcessBuilder builder(String tool, List<String> args, String database, boolean versionOnly) {
        List<String> command = new ArrayList<>();
        command.add(bin == null ? tool : bin.resolve(tool).toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        if (!versionOnly) {
            Map<String, String> env = pb.environment();
            putLibpq(env, target.host(), target.port(), target.user(), database == null ? target.database() : database,
                    target.password());
            String sslmode = target.properties().get("sslmode");
            if (sslmode != null) {
                env.put("PGSSLMODE", sslmode);
            }
        }
        return pb;
    }

    /** The libpq variables a child process connects with; an inherited PGPASSWORD never leaks through. */
    static void putLibpq(Map<String, String> env, String host, int port, String user, String database, String password) {
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", user);
        env.put("PGDATABASE", database);
        env.remove("PGPASSWORD");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
    }
}
