package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The pg_dump provider's part of a restore. Before anything is touched: pg_restore is new enough for the
 * dump, and every role the dump names exists on the server; whether the restoring role may give objects
 * their owners back. Then pg_restore into a new, empty database, with owners and privileges. pg_restore
 * reads the dump's schema on another thread from the start, while the restore connects and checks the
 * role's privileges.
 */
final class PgRestore {
    /**
     * PostgreSQL's advice for restores: index builds and foreign keys sort in memory. A session setting of
     * pg_restore's connection only; a server configured higher keeps its value.
     */
    static final long MAINTENANCE_WORK_MEM_KB = 256 * 1024;

    private final ConnectionTarget server;
    private final Path dump;
    private final String dumpVersion;
    private final CompletableFuture<Schema> schema;
    private final List<String> notes = new ArrayList<>();
    private PgTools tools;
    private boolean owners = true;

    /** The pg_restore found and the dump's schema it read. */
    private record Schema(ClientToolFinder.Found pgRestore, PgTools tools, PgTools.Output script) {
    }

    /**
     * @param finder where to look for pg_restore: it must be at least as new as the pg_dump that wrote the dump
     */
    PgRestore(ClientToolFinder finder, ConnectionTarget server, Path dump, BackupManifest manifest) {
        this.server = server;
        this.dump = dump;
        String dumpVersion = manifest.pgDumpVersion();
        this.dumpVersion = dumpVersion;
        this.schema = CompletableFuture.supplyAsync(() -> {
            ClientToolFinder.Found found = finder.find("pg_restore", dumpVersion == null ? 0 : PgTools.major(dumpVersion),
                    "the pg_dump " + dumpVersion + " that wrote the dump", "nothing was restored");
            PgTools foundTools = new PgTools(found.executable().getParent(), server);
            return new Schema(found, foundTools,
                    foundTools.output("pg_restore", List.of("--schema-only", "--file=-", dump.toString())));
        }, task -> {
            Thread t = new Thread(task, "lockstep-dump-schema");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Whether the objects get their owners back (else they are the restoring role's). */
    boolean owners() {
        return owners;
    }

    /** What will not be as it was, as sentences. */
    List<String> notes() {
        return notes;
    }

    /** The checks before anything changes; {@code admin} is a connection to the server. */
    void prepare(Connection admin, RunListener listener) throws SQLException {
        Schema read;
        try {
            read = schema.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        listener.notice("using " + read.pgRestore().describe());
        tools = read.tools();
        PgTools.Output script = read.script();
        if (script.exit() != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "pg_restore cannot read " + dump.getFileName() + " (exit "
                    + script.exit() + "): " + script.stderr().strip() + "; nothing was restored",
                    "the dump is damaged: restore another backup");
        }
        DumpRoles.Named roles = DumpRoles.of(script.stdout());
        List<String> missing = select(admin, "SELECT r FROM unnest(?) r WHERE NOT EXISTS (SELECT 1 FROM pg_roles "
                + "WHERE rolname = r) ORDER BY 1", roles.all());
        if (!missing.isEmpty()) {
            throw new LockstepException(ErrorCode.BACKUP, "the backup names " + missing.size() + " role(s) that do not "
                    + "exist on " + server.host() + ":" + server.port() + ": " + String.join(", ", missing)
                    + "; nothing was restored", "create them as they are on the server the backup was taken from "
                    + "(e.g. CREATE ROLE " + missing.get(0) + " NOLOGIN; pg_dumpall --roles-only there shows them all), "
                    + "then restore again");
        }
        if (select(admin, "SELECT 'yes' FROM pg_roles WHERE rolname = current_user AND rolsuper", null).isEmpty()) {
            List<String> foreign = select(admin, "SELECT r FROM unnest(?) r WHERE r <> 'pg_database_owner' AND NOT "
                    + "pg_has_role(current_user, r, 'MEMBER') ORDER BY 1", roles.owners());
            if (!foreign.isEmpty()) {
                owners = false;
                notes.add("ownership was not restored: " + server.user() + " may not act as " + String.join(", ", foreign)
                        + ", so the restored objects are owned by " + server.user() + " (owners, and the owners' "
                        + "own privileges, are left out of the comparison)");
            }
        }
    }

    /**
     * Gives the new, empty database's public schema the privileges the dump's are written against. pg_dump
     * 15 and later write them relative to PostgreSQL 15's default (its owner, and USAGE for PUBLIC), whatever
     * the server; on an older server a new database's public schema also grants CREATE to PUBLIC, which the
     * restore would then keep. Only the schema's owner (a superuser) may revoke it; for another role the
     * comparison reports the difference.
     *
     * @param into a connection to the new database
     */
    void alignPublicSchema(Connection into, int serverMajor) throws SQLException {
        if (dumpVersion == null || PgTools.major(dumpVersion) < 15 || serverMajor >= 15) {
            return;
        }
        try (java.sql.Statement st = into.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM pg_namespace WHERE nspname = 'public' AND pg_has_role(nspowner, 'USAGE')")) {
            if (!rs.next()) {
                return;
            }
        }
        try (java.sql.Statement st = into.createStatement()) {
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    /**
     * pg_restore into {@code database}, which is new and empty. Its session commits asynchronously: the new
     * database is used by nobody until the swap, whose commit is synchronous and so makes all of it durable.
     */
    void restoreInto(String database, long maintenanceWorkMemKb) {
        List<String> args = new ArrayList<>(List.of("--exit-on-error"));
        if (!owners) {
            args.add("--no-owner");
        }
        args.add("--dbname=" + database);
        args.add(dump.toString());
        PgTools.Run run = tools.withOptions("-c synchronous_commit=off -c maintenance_work_mem="
                + Math.max(maintenanceWorkMemKb, MAINTENANCE_WORK_MEM_KB) + "kB").run("pg_restore", args, database, false);
        if (run.exit() != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "pg_restore failed (exit " + run.exit() + "): "
                    + run.stderr().strip(), null);
        }
    }

    private static List<String> select(Connection c, String sql, Set<String> names) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (names != null) {
                Array array = c.createArrayOf("text", names.toArray());
                ps.setArray(1, array);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
