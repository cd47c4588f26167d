package dev.lockstep;

import java.util.List;

/**
 * One migration of a dry run, with its transaction boundaries.
 *
 * @param action {@code apply}, {@code resume}, {@code reapply} or {@code rollback}
 * @param transactional true: one transaction for all statements and the history row
 * @param reason why it runs statement by statement; null when transactional
 * @param lockTimeout as PostgreSQL reads it, e.g. {@code 1000ms}
 * @param transactionTimeout the {@code transaction_timeout} set for the transaction (PostgreSQL 17+, when it takes a
 *                           write-blocking lock and {@code ddl-statement-timeout} is on), e.g. {@code 3000ms}; null when
 *                           none is set
 * @param skip statements a resume would not run again (already applied)
 * @param findings what lint says about the script
 * @param blocks how many {@code BEGIN ... COMMIT} blocks of its own the script runs as written (its statements
 *               include their BEGIN and COMMIT); 0 when it has none
 */
public record PlannedMigration(String version, String description, String script, String action,
                               boolean transactional, String reason, String lockTimeout,
                               String transactionTimeout, int skip,
                               List<PlannedStatement> statements, List<dev.lockstep.lint.Violation> findings,
                               int blocks) {

    public PlannedMigration(String version, String description, String script, String action, boolean transactional,
                            String reason, String lockTimeout, int skip, List<PlannedStatement> statements,
                            List<dev.lockstep.lint.Violation> findings) {
        this(version, description, script, action, transactional, reason, lockTimeout, null, skip, statements,
                findings, 0);
    }

    public PlannedMigration(String version, String description, String script, String action, boolean transactional,
                            String reason, String lockTimeout, String transactionTimeout, int skip,
                            List<PlannedStatement> statements, List<dev.lockstep.lint.Violation> findings) {
        this(version, description, script, action, transactional, reason, lockTimeout, transactionTimeout, skip,
                statements, findings, 0);
    }
}
