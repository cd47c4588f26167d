package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code BEGIN; ... COMMIT;} blocks a script writes itself, which run as psql runs them: each block
 * is one transaction, and a statement outside any block commits on its own. Only well-formed blocks run:
 * a BEGIN inside an open block (which PostgreSQL ignores with a warning, so the next COMMIT ends the
 * outer block early), a COMMIT outside one (a no-op with a warning), a block never closed, a savepoint
 * outside a block, two-phase commit, {@code AND CHAIN}, or a statement that cannot run in a transaction
 * block inside one are refused with where they are. Pure: statements in, blocks out.
 */
record ExplicitBlocks(List<Block> blocks) {
    static final ExplicitBlocks NONE = new ExplicitBlocks(List.of());

    private static final Pattern BEGIN = Pattern.compile(
            "(?is)^\\s*(?:BEGIN(?:\\s+(?:WORK|TRANSACTION))?|START\\s+TRANSACTION)\\b\\s*(.*?)\\s*$");

    /**
     * One block: the indexes of its BEGIN and of the statement that ends it.
     *
     * @param modes the transaction modes its BEGIN gives ({@code ISOLATION LEVEL SERIALIZABLE}), or null
     * @param rollback it ends with ROLLBACK: it runs, and what it did is discarded, as written
     */
    record Block(int begin, int end, String modes, boolean rollback) {
    }

    private enum Control { BEGIN, END, SAVEPOINT, TWO_PHASE, NONE }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The block whose BEGIN is statement {@code index}, or null. */
    Block startingAt(int index) {
        for (Block b : blocks) {
            if (b.begin() == index) {
                return b;
            }
        }
        return null;
    }

    /** Whether the script is one block around everything, with no options: Lockstep's own transaction can replace it. */
    boolean wrapsWhole(List<SqlStatement> statements) {
        if (blocks.size() != 1) {
            return false;
        }
        Block b = blocks.get(0);
        if (b.begin() != 0 || b.end() != statements.size() - 1 || b.modes() != null || b.rollback()) {
            return false;
        }
        return statements.stream().noneMatch(s -> control(s) == Control.SAVEPOINT);
    }

    static ExplicitBlocks of(Script script, List<SqlStatement> statements) {
        List<Block> blocks = new ArrayList<>();
        Integer open = null;
        for (SqlStatement s : statements) {
            Control c = control(s);
            if (c != Control.NONE && s.words().stream().anyMatch(w -> w.equalsIgnoreCase("CHAIN"))
                    && s.words().stream().noneMatch(w -> w.equalsIgnoreCase("NO"))) {
                throw refused(script, s, "AND CHAIN opens the next transaction at once", "end the block with a plain "
                        + "COMMIT and open the next one with BEGIN");
            }
            switch (c) {
                case BEGIN -> {
                    if (open != null) {
                        throw refused(script, s, "it is inside the block opened at line "
                                + script.fileLine(statements.get(open).line()) + " (PostgreSQL would ignore it, and "
                                + "the next COMMIT would end the outer block)", "COMMIT the open block first, or "
                                + "remove this BEGIN");
                    }
                    open = s.index();
                }
                case END -> {
                    if (open == null) {
                        throw refused(script, s, "no block is open (it would do nothing: the statements before "
                                + "it have committed one by one)", "open the block with BEGIN before the statements "
                                + "it should make atomic, or remove it");
                    }
                    blocks.add(new Block(open, s.index(), modes(statements.get(open)),
                            s.words().get(0).toUpperCase(Locale.ROOT).matches("ROLLBACK|ABORT")));
                    open = null;
                }
                case SAVEPOINT -> {
                    if (open == null) {
                        throw refused(script, s, "a savepoint only exists inside a transaction block",
                                "use it between BEGIN and COMMIT");
                    }
                }
                case TWO_PHASE -> throw refused(script, s, "two-phase commit does not belong in a migration",
                        "remove it; each block commits on its own");
                default -> {
                    if (open != null && !s.info().transactional()) {
                        throw refused(script, s, s.info().kind().name().replace('_', ' ') + " cannot run inside a "
                                + "transaction block (the block opened at line "
                                + script.fileLine(statements.get(open).line()) + ")", "move it after the block's "
                                + "COMMIT: outside the blocks it runs on its own, recorded before it is sent");
                    }
                }
            }
        }
        if (open != null) {
            throw refused(script, statements.get(open), "the block is never committed (psql would roll it back at "
                    + "the end of the file)", "end the block with COMMIT");
        }
        return blocks.isEmpty() ? NONE : new ExplicitBlocks(List.copyOf(blocks));
    }

    private static Control control(SqlStatement s) {
        if (s.info().kind() == StatementKind.COMMIT_PREPARED) {
            return Control.TWO_PHASE;
        }
        if (s.info().kind() != StatementKind.TRANSACTION_CONTROL || s.words().isEmpty()) {
            return Control.NONE;
        }
        String first = s.words().get(0).toUpperCase(Locale.ROOT);
        boolean to = s.words().stream().skip(1).anyMatch(w -> w.equalsIgnoreCase("TO"));
        return switch (first) {
            case "BEGIN", "START" -> Control.BEGIN;
            case "SAVEPOINT", "RELEASE" -> Control.SAVEPOINT;
            case "ROLLBACK", "ABORT" -> to ? Control.SAVEPOINT : Control.END;
            case "COMMIT", "END" -> Control.END;
            default -> Control.TWO_PHASE;
        };
    }

    private static String modes(SqlStatement begin) {
        Matcher m = BEGIN.matcher(begin.sql());
        if (!m.matches() || m.group(1).isBlank()) {
            return null;
        }
        return m.group(1);
    }

    private static LockstepException refused(Script script, SqlStatement s, String why, String hint) {
        return new LockstepException(ErrorCode.SQL_SYNTAX, ScriptPreparer.location(script, s) + ": '"
                + ScriptPreparer.firstLine(s.sql()) + "': " + why, hint + "; nothing was applied");
    }
}
