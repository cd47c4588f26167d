package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One script as the rules see it: its statements, the transactions they run in, the PostgreSQL
 * version they target, and which tables the script itself created (work on a table created a moment
 * ago in the same script locks nobody out).
 *
 * <p>How statements are grouped into transactions follows how the script runs. A file with explicit
 * {@code BEGIN ... COMMIT} blocks runs as written, as psql runs it: each block is one transaction and a
 * statement outside any block commits on its own. Otherwise the whole file is one transaction, unless
 * it cannot be (a statement that cannot run in a transaction block, or
 * {@code -- lockstep:transaction off}): then each statement commits on its own.
 */
public final class ScriptContext {
    private final String path;
    private final List<LintStatement> statements;
    private final boolean transactional;
    private final boolean explicitBlocks;
    private final int pgVersion;
    private final Duration lockTimeoutDirective;
    private final List<Transaction> transactions = new ArrayList<>();
    private final Transaction[] transactionOf;

    /** Each table the script creates, with the index of the statement that creates it first. */
    private final Map<String, Integer> createdAt = new HashMap<>();
    private final Map<Derived<?>, Object> derived = new HashMap<>();

    /**
     * @param transactionOff the script says {@code -- lockstep:transaction off}
     */
    public ScriptContext(String path, List<LintStatement> statements, boolean transactionOff, int pgVersion,
                         Duration lockTimeoutDirective) {
        this.path = path;
        this.statements = statements;
        this.pgVersion = pgVersion;
        this.lockTimeoutDirective = lockTimeoutDirective;
        this.transactionOf = new Transaction[statements.size()];
        boolean blocks = false;
        boolean allTransactional = !transactionOff;
        for (LintStatement s : statements) {
            TransactionControl tc = TransactionControl.of(s);
            blocks |= tc == TransactionControl.BEGIN || tc == TransactionControl.END;
            allTransactional &= s.kind().transactional();
            if (s.kind() == StatementKind.CREATE_TABLE || s.kind() == StatementKind.CREATE_TABLE_AS) {
                for (String t : s.tables()) {
                    createdAt.putIfAbsent(Names.normalize(t), s.index());
                }
            }
        }
        this.explicitBlocks = blocks;
        this.transactional = !blocks && allTransactional;
        if (blocks) {
            groupBlocks();
        } else if (transactional && !statements.isEmpty()) {
            add(statements, null, true, false);
        } else {
            for (LintStatement s : statements) {
                add(List.of(s), null, false, false);
            }
        }
    }

    private void groupBlocks() {
        List<LintStatement> open = null;
        for (LintStatement s : statements) {
            TransactionControl tc = TransactionControl.of(s);
            if (tc == TransactionControl.BEGIN && open == null) {
                open = new ArrayList<>();
            } else if (tc == TransactionControl.END && open != null) {
                add(open, s, true, true);
                open = null;
            } else if (tc == TransactionControl.NONE) {
                if (open != null) {
                    open.add(s);
                } else {
                    add(List.of(s), null, false, false);
                }
            }
        }
        if (open != null) {
            add(open, null, true, true);
        }
    }

    private void add(List<LintStatement> members, LintStatement end, boolean block, boolean explicit) {
        List<LintStatement> work = new ArrayList<>();
        for (LintStatement s : members) {
            if (TransactionControl.of(s) == TransactionControl.NONE) {
                work.add(s);
            }
        }
        if (work.isEmpty()) {
            return;
        }
        Transaction t = new Transaction(transactions.size(), List.copyOf(work), end, block, explicit);
        transactions.add(t);
        for (LintStatement s : work) {
            transactionOf[s.index()] = t;
        }
    }

    /**
     * Something several rules derive from the whole script (its column definitions, say), computed once per
     * script and shared. One instance per kind of thing, which is also its key; a class rather than a
     * function, so that lint's path links no lambda (docs/architecture.md, "Start-up of the command-line tool").
     */
    public abstract static class Derived<T> {
        protected abstract T compute(ScriptContext script);
    }

    @SuppressWarnings("unchecked")
    public <T> T derived(Derived<T> kind) {
        Object value = derived.get(kind);
        if (value == null) {
            value = kind.compute(this);
            derived.put(kind, value);
        }
        return (T) value;
    }

    /** The script's {@code -- lockstep:lock-timeout}, or null. */
    public Duration lockTimeoutDirective() {
        return lockTimeoutDirective;
    }

    public String path() {
        return path;
    }

    public List<LintStatement> statements() {
        return statements;
    }

    /** Whether the whole file runs in one transaction (Lockstep's own; no explicit blocks). */
    public boolean transactional() {
        return transactional;
    }

    /** Whether the file has explicit {@code BEGIN ... COMMIT} blocks, which run as written. */
    public boolean explicitBlocks() {
        return explicitBlocks;
    }

    /** The transactions of the script in order (transaction control statements belong to none). */
    public List<Transaction> transactions() {
        return transactions;
    }

    /** The transaction {@code s} runs in; null for a transaction control statement. */
    public Transaction transactionOf(LintStatement s) {
        return transactionOf[s.index()];
    }

    /** Whether {@code s} runs inside a transaction block (explicit, or the file's own transaction). */
    public boolean inBlock(LintStatement s) {
        Transaction t = transactionOf(s);
        return t != null && t.block();
    }

    public int pgVersion() {
        return pgVersion;
    }

    /**
     * Whether {@code table} was created by a statement of this script before {@code s}.
     *
     * @param table normalised ({@link Names#normalize}, as {@link LintStatement#table()} is): normalising twice
     *              would fold a quoted {@code "Accounts"} to {@code accounts}
     */
    public boolean createdBefore(LintStatement s, String table) {
        if (table == null) {
            return false;
        }
        Integer at = createdAt.get(table);
        return at != null && at < s.index();
    }

    /** The statements after {@code s} that run in the same transaction as it, so while its locks are held. */
    public List<LintStatement> after(LintStatement s) {
        Transaction t = transactionOf(s);
        if (t == null || !t.block()) {
            return List.of();
        }
        int at = t.statements().indexOf(s);
        return t.statements().subList(at + 1, t.statements().size());
    }
}
