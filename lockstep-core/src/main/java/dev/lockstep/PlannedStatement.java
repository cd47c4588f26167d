package dev.lockstep;

import java.util.List;

/**
 * One statement of a dry run: where it is, the SQL exactly as it would be sent, what kind of statement
 * it is and which table locks it takes.
 *
 * @param lock PostgreSQL's name of the lock on the statement's own table, e.g. {@code ACCESS EXCLUSIVE}, or
 *             {@code none}
 * @param tables the tables the statement names
 * @param locks every lock it takes, on what: {@code ACCESS EXCLUSIVE on tasks}, {@code SHARE ROW EXCLUSIVE on
 *              accounts} (the referenced table of a foreign key), as {@code lockstep lint --explain} lists them
 */
public record PlannedStatement(int line, String sql, String kind, String lock, List<String> tables,
                               List<String> locks) {

    /** What a dry run prints after {@code lock:}: every lock and what it is on, or {@code none}. */
    public String describeLocks() {
        if (locks != null && !locks.isEmpty()) {
            return String.join(", ", locks);
        }
        return tables.isEmpty() || lock.equals("none") ? lock : lock + " on " + String.join(", ", tables);
    }
}
