package dev.lockstep.internal.execute;

import dev.lockstep.ImportOptions;
import dev.lockstep.ImportResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationVersion;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.adopt.ForeignHistory;
import dev.lockstep.internal.adopt.ForeignRow;
import dev.lockstep.internal.adopt.ImportMapper;
import dev.lockstep.internal.adopt.Tool;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.NewRow;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import}: takes over another tool's history. Reads its table, matches every row to a file,
 * refuses (naming the rows) what it cannot match, and writes one Lockstep history row per applied
 * file, of kind {@code imported}, in one transaction under the runner lock. The next {@code migrate}
 * applies only what the other tool had not.
 */
public final class Importer {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;

    public Importer(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    public ImportResult run(ImportOptions options) {
        Tool tool = Tool.of(options.from());
        String table = options.table() != null && !options.table().isBlank() ? options.table() : tool.defaultTable();
        MigrationSet files = MigrationSources.load(config);
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        try (Session session = Session.open(config, listener, "lockstep import")) {
            Connection c = session.connect();
            try {
                if (options.dryRun()) {
                    return importing(session, c, tool, table, files, history, true);
                }
                AdvisoryLock lock = new AdvisoryLock(session.connect(), config.get(Setting.HISTORY_SCHEMA),
                        config.get(Setting.LOCK_WAIT), Sleeper.REAL);
                return lock.run(() -> {
                    history.ensure(c);
                    return importing(session, c, tool, table, files, history, false);
                }, listener::notice);
            } catch (SQLException e) {
                throw session.unexpected(e, "import");
            }
        }
    }

    private ImportResult importing(Session session, Connection c, Tool tool, String table, MigrationSet files,
                                   HistoryStore history, boolean dryRun) throws SQLException {
        int existing = history.readAll(c).size();
        if (existing > 0) {
            throw new LockstepException(ErrorCode.USAGE, "cannot import into " + session.target().display()
                    + ": its Lockstep history already has " + existing + " rows",
                    "import is for a database Lockstep has not managed yet; see 'lockstep status'");
        }
        List<ForeignRow> rows = ForeignHistory.read(c, tool, table, session.target().display());
        ImportMapper.Mapping mapping = new ImportMapper().map(tool, table, rows, files);
        if (!mapping.refusals().isEmpty()) {
            throw new LockstepException(ErrorCode.VALIDATION, "cannot import " + tool.display() + "'s history from "
                    + table + ":\n  " + String.join("\n  ", mapping.refusals()), "settle those rows with "
                    + tool.display() + " (or restore the files) and import again; nothing was imported");
        }
        List<ImportResult.Imported> imported = new ArrayList<>();
        for (ImportMapper.Entry e : mapping.entries()) {
            ResolvedMigration m = e.migration();
            imported.add(new ImportResult.Imported(m.version() == null ? null : m.version().text(), m.description(),
                    m.script(), e.row().label()));
        }
        String after = mapping.baseline();
        for (ImportMapper.Entry e : mapping.entries()) {
            if (e.migration().version() != null && (after == null
                    || e.migration().version().compareTo(MigrationVersion.parse(after)) > 0)) {
                after = e.migration().version().text();
            }
        }
        if (!dryRun) {
            write(c, tool, table, mapping, history);
        }
        return new ImportResult(tool.id(), table, session.target().display(), dryRun, mapping.baseline(),
                List.copyOf(imported), after, mapping.notes());
    }

    private void write(Connection c, Tool tool, String table, ImportMapper.Mapping mapping, HistoryStore history)
            throws SQLException {
        String runId = HistoryStore.newRunId();
        Instant now = config.clock().instant();
        c.setAutoCommit(false);
        try {
            if (mapping.baseline() != null) {
                history.insert(c, new NewRow(mapping.baseline(), "baseline from " + table, HistoryKind.BASELINE,
                        "<< " + tool.display() + " baseline >>", null, null, true, tool.display(), now, 0, runId,
                        toolVersion), true, 0, null, now);
            }
            for (ImportMapper.Entry e : mapping.entries()) {
                ResolvedMigration m = e.migration();
                Instant at = e.row().at() != null ? e.row().at() : now;
                String by = tool.display() + (e.row().by() != null ? ", installed by " + e.row().by() : "");
                history.insert(c, new NewRow(m.version() == null ? null : m.version().text(), m.description(),
                        m.version() == null ? HistoryKind.REPEATABLE : HistoryKind.IMPORTED, m.up().name(),
                        m.checksum(), Checksum.ALGORITHM, true, by, at, 0, runId, toolVersion), true, 0, null, at);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
