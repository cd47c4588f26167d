package dev.lockstep.internal.drift;

import dev.lockstep.BaselineDetection;
import dev.lockstep.LockstepConfig;
import dev.lockstep.SchemaDifference;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.inspect.CatalogReader;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.scratch.Scratch;
import dev.lockstep.internal.snapshot.ObjectKind;
import dev.lockstep.internal.snapshot.Roles;
import dev.lockstep.internal.snapshot.Snapshot;
import dev.lockstep.internal.snapshot.SnapshotDiff;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code baseline --detect}: for a database built without Lockstep, the version whose files produce its
 * schema. A binary search over the chain of files on the scratch server: the files up to the middle are
 * applied on a copy of the last version known to be in the database (so no file runs twice in a row of
 * probes), and the live schema must contain what they built. The version found is then compared exactly.
 */
public final class BaselineDetector {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;

    public BaselineDetector(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    public BaselineDetection detect() {
        MigrationSet files = MigrationSources.load(config);
        List<ResolvedMigration> chain = files.versioned();
        if (chain.isEmpty()) {
            throw new LockstepException(ErrorCode.USAGE, "there are no versioned migrations in "
                    + config.shown(config.dir()) + " to detect a version from", "point --dir at the migrations");
        }
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        try (Session session = Session.open(config, listener, "lockstep baseline")) {
            Connection c = session.connect();
            int rows = history.readAll(c).size();
            if (rows > 0) {
                throw new LockstepException(ErrorCode.USAGE, "cannot baseline " + session.target().display()
                        + ": its history already has " + rows + " rows", "baseline is for a database Lockstep has not "
                        + "managed yet; see 'lockstep status'");
            }
            Snapshot live = new CatalogReader(history.schema()).read(c, session::connect);
            if (live.objects().stream().allMatch(BaselineDetector::builtIn)) {
                throw new LockstepException(ErrorCode.USAGE, session.target().display() + " is empty: there is no "
                        + "schema to detect a version from", "run 'lockstep migrate' to build it from the migrations");
            }
            try (Scratch scratch = Scratch.open(config, listener, toolVersion)) {
                scratch.provideRoles(live);
                return search(session.target().display(), scratch, files, chain, live);
            }
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "baseline could not read the database: " + e.getMessage(),
                    "check the connection and privileges", e);
        }
    }

    private BaselineDetection search(String database, Scratch scratch, MigrationSet files, List<ResolvedMigration> chain,
                                     Snapshot live) {
        Map<String, String> roles = Map.of(scratch.role(), live.role());
        String known = scratch.create("baseline");
        Snapshot knownSnapshot = new Snapshot(live.role(), List.of());
        int lo = 0;
        int hi = chain.size();
        int probes = 0;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            String probe = scratch.copy(known, "baseline");
            probes++;
            Snapshot built = null;
            try {
                scratch.migrate(probe, Scratch.only(files, ids(chain, mid)), null);
                built = Roles.rename(scratch.snapshot(probe), roles);
            } catch (LockstepException e) {
                listener.notice("the files up to " + chain.get(mid - 1).version() + " do not run on the scratch "
                        + "database (" + e.getMessage().strip().lines().findFirst().orElse("") + "); taken as not in "
                        + "the database");
            }
            if (built != null && SnapshotDiff.notContained(built, live).isEmpty()) {
                scratch.drop(known);
                known = probe;
                knownSnapshot = built;
                lo = mid;
            } else {
                scratch.drop(probe);
                hi = mid - 1;
            }
        }
        List<SchemaDifference> differences = SnapshotDiff.diff(knownSnapshot, live);
        if (!differences.isEmpty() && !files.repeatable().isEmpty()) {
            differences = withRepeatable(scratch, files, chain, lo, known, roles, live, differences);
        }
        return new BaselineDetection(database, scratch.display(), lo == 0 ? null : chain.get(lo - 1).version().text(),
                differences.isEmpty(), probes, chain.size(), differences);
    }

    /** The repeatable migrations run after the versioned ones: what they create may be what remains. */
    private static List<SchemaDifference> withRepeatable(Scratch scratch, MigrationSet files,
                                                         List<ResolvedMigration> chain, int count, String known,
                                                         Map<String, String> roles, Snapshot live,
                                                         List<SchemaDifference> without) {
        List<String> ids = ids(chain, count);
        files.repeatable().forEach(r -> ids.add(r.id()));
        String probe = scratch.copy(known, "baseline");
        try {
            scratch.migrate(probe, Scratch.only(files, ids), null);
            List<SchemaDifference> with = SnapshotDiff.diff(Roles.rename(scratch.snapshot(probe), roles), live);
            return with.size() < without.size() ? with : without;
        } catch (LockstepException e) {
            return without;
        } finally {
            scratch.drop(probe);
        }
    }

    private static List<String> ids(List<ResolvedMigration> chain, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(chain.get(i).id());
        }
        return out;
    }

    /** What every new database has: the public schema and the PL/pgSQL extension. */
    private static boolean builtIn(dev.lockstep.internal.snapshot.SchemaObject o) {
        return o.kind() == ObjectKind.SCHEMA && o.name().equals("public")
                || o.kind() == ObjectKind.EXTENSION && o.name().equals("plpgsql");
    }
}
