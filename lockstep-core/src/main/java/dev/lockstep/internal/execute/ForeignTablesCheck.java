package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.adopt.ForeignTables;
import dev.lockstep.internal.pg.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stops {@code status} and {@code migrate} on a database that another tool migrated and Lockstep has no
 * history for: they would show, and apply again, what that tool applied.
 */
public final class ForeignTablesCheck {
    private ForeignTablesCheck() {
    }

    public static void refuseIfAny(Session session, Connection c) throws SQLException {
        List<ForeignTables.Found> found = ForeignTables.find(c);
        if (found.isEmpty()) {
            return;
        }
        ForeignTables.Found first = found.get(0);
        List<String> tables = found.stream().map(f -> f.table() + " (" + f.tool().display() + ", " + f.rows()
                + (f.rows() == 1 ? " row" : " rows") + ")").toList();
        throw new LockstepException(ErrorCode.VALIDATION, session.target().display() + " has no Lockstep history, but "
                + String.join(" and ", tables) + " records migrations another tool applied; running the files "
                + "would apply them again", "take that history over with 'lockstep import --from " + first.tool().id()
                + "' (add --dry-run to see how its rows map to the files first); if that table is not about these "
                + "migrations, record a starting point instead with 'lockstep baseline --version 0'");
    }
}
