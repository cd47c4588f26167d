package dev.lockstep.internal.execute;

import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of one run, as the catalog showed them before it started and as the run's own scripts
 * change them: which did not exist yet, which a script of this run creates (and where), and so which
 * write-blocking statements touch a table that other sessions may be using. No application can have
 * queued on a table that did not exist when the run began, so the gate does not block on it and the
 * executor does not look for its blockers (lock_timeout still bounds any wait).
 */
public final class TablesInRun {
    /** A run whose tables were not looked up: every table counts as one in use. */
    static final TablesInRun UNKNOWN = new TablesInRun(List.of(), null);

    /** One script of the run, in order: a label for messages ({@code migration 12}) and its statements. */
    record Step(String label, List<SqlStatement> statements) {
    }

    private record Created(int step, int position, String label) {
    }

    private final Map<String, TableStats> catalog;
    private final Map<String, Created> created = new HashMap<>();
    /** The ALTER TABLE statements of the run, per table, in order: after them the catalog's view is out of date. */
    private final Map<String, List<Altered>> alters = new HashMap<>();

    private record Altered(int step, int position, SqlStatement statement) {
    }
    private final Set<SqlStatement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

    private TablesInRun(List<Step> steps, Map<String, TableStats> catalog) {
        this.catalog = catalog;
        if (catalog == null) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            List<SqlStatement> statements = steps.get(i).statements();
            for (int j = 0; j < statements.size(); j++) {
                SqlStatement s = statements.get(j);
                StatementKind kind = s.info().kind();
                if (kind == StatementKind.CREATE_TABLE || kind == StatementKind.CREATE_TABLE_AS) {
                    for (String t : s.info().tables()) {
                        String key = Names.normalize(t);
                        // CREATE TABLE IF NOT EXISTS of a table that is already there creates nothing.
                        if (!(s.info().ifNotExists() && existed(key))) {
                            created.putIfAbsent(key, new Created(i, j, steps.get(i).label()));
                        }
                    }
                }
                if (kind.alterTable()) {
                    for (String t : s.info().tables()) {
                        alters.computeIfAbsent(Names.normalize(t), k -> new ArrayList<>()).add(new Altered(i, j, s));
                    }
                }
                if (s.info().lock().blocksWrites() && Blockers.matters(s.info().lock())) {
                    for (String t : s.info().tables()) {
                        if (newness(i, j, t) == null) {
                            inUse.add(s);
                            break;
                        }
                    }
                }
            }
        }
    }

    /** Every table a statement of the steps names, as written: what to look up in the catalog. */
    static Set<String> names(List<Step> steps) {
        Set<String> names = new LinkedHashSet<>();
        for (Step step : steps) {
            for (SqlStatement s : step.statements()) {
                names.addAll(s.info().tables());
            }
        }
        return names;
    }

    static TablesInRun of(List<Step> steps, Map<String, TableStats> catalog) {
        return new TablesInRun(steps, catalog);
    }

    /** The catalog's entry for a table as written; null when it was not looked up. */
    TableStats stats(String table) {
        return catalog == null ? null : catalog.get(Names.normalize(table));
    }

    private boolean existed(String key) {
        TableStats s = catalog.get(key);
        return s == null || s.exists();
    }

    /** The ALTER TABLE statements of {@code table} that the run executes before statement {@code position} of step {@code step}. */
    List<SqlStatement> altersBefore(int step, int position, String table) {
        List<SqlStatement> out = new ArrayList<>();
        for (Altered a : table == null ? List.<Altered>of() : alters.getOrDefault(Names.normalize(table), List.of())) {
            if (a.step() < step || a.step() == step && a.position() < position) {
                out.add(a.statement());
            }
        }
        return out;
    }

    /**
     * Why {@code table} is new at statement {@code position} of step {@code step}: created earlier in
     * this run, or not there before it; null when it is a table that was there before the run.
     */
    String newness(int step, int position, String table) {
        if (catalog == null || table == null) {
            return null;
        }
        String key = Names.normalize(table);
        Created c = created.get(key);
        if (c != null && (c.step() < step || c.step() == step && c.position() < position)) {
            return table + " is created in this run (" + c.label() + ")";
        }
        return existed(key) ? null : table + " does not exist before this run";
    }

    /**
     * The statements of {@code statements} that may have to wait for other sessions: write-blocking ones
     * on a table that was there before the run. The rest need no look at pg_locks.
     */
    List<SqlStatement> inUse(List<SqlStatement> statements) {
        if (catalog == null) {
            return statements;
        }
        List<SqlStatement> out = new ArrayList<>();
        for (SqlStatement s : statements) {
            if (inUse.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
