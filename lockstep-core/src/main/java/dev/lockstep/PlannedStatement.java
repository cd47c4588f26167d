package dev.lockstep;

import java.util.List;

/**
 * One statement of a dry run: where it is, the SQL exactly as it would be sent, what kind of statement
 * it is and which table lock it takes.
 *
 * @param lock PostgreSQL's name of the table lock, e.g. {@code ACCESS EXCLUSIVE}, or {@code none}
 */
public record PlannedStatement(int line, String sql, String kind, String lock, List<String> tables) {
}
