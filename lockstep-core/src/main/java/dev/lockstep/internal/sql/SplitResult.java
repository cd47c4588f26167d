package dev.lockstep.internal.sql;

import java.util.List;

/** A script split into statements, with what could not be read. */
public record SplitResult(List<SqlStatement> statements, List<SqlProblem> problems, LineIndex lines) {

    public boolean ok() {
        return problems.isEmpty();
    }
}
