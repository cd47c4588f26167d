package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.LockLevel;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A statement as the rules see it: the classifier's facts plus every significant token. */
public final class LintStatement {
    private final SqlStatement statement;
    private final int fileLine;
    private final int index;
    private final int pgVersion;
    /** Lexed on first use: most statements are judged by their kind alone. */
    private List<Tok> tokens;
    private List<AlterAction> alterActions;
    private List<HeldLock> locks;
    private String table;

    /** @param pgVersion the PostgreSQL major version the statement is judged for (some locks depend on it) */
    public LintStatement(SqlStatement statement, int fileLine, int index, int pgVersion) {
        this.statement = statement;
        this.fileLine = fileLine;
        this.index = index;
        this.pgVersion = pgVersion;
    }

    /** The PostgreSQL major version the statement is judged for. */
    public int pgVersion() {
        return pgVersion;
    }

    /** 0-based position in its script. */
    public int index() {
        return index;
    }

    /** The actions of an ALTER TABLE (empty for other statements), parsed once. */
    public List<AlterAction> alterActions() {
        if (alterActions == null) {
            alterActions = statement.info().kind().alterTable() ? AlterAction.of(this) : List.of();
        }
        return alterActions;
    }

    private static List<Tok> tokenize(String sql) {
        List<Tok> out = new ArrayList<>();
        Lexer lexer = new Lexer(sql);
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.type().isTrivia()) {
                String text = t.text(sql);
                out.add(new Tok(t.type(), text, text.toUpperCase(Locale.ROOT), t.start()));
            }
        }
        return List.copyOf(out);
    }

    public SqlStatement statement() {
        return statement;
    }

    public List<Tok> tokens() {
        if (tokens == null) {
            tokens = tokenize(statement.sql());
        }
        return tokens;
    }

    public int size() {
        return tokens().size();
    }

    public Tok tok(int i) {
        List<Tok> t = tokens();
        return i >= 0 && i < t.size() ? t.get(i) : null;
    }

    public boolean is(int i, String keyword) {
        Tok t = tok(i);
        return t != null && t.is(keyword);
    }

    public StatementKind kind() {
        return statement.info().kind();
    }

    public LockLevel lock() {
        return statement.info().lock();
    }

    public List<String> tables() {
        return statement.info().tables();
    }

    /** The first table the statement names, normalised ({@link Names#normalize}); null when none. */
    public String table() {
        if (table == null && !tables().isEmpty()) {
            table = Names.normalize(tables().get(0));
        }
        return table;
    }

    public String sql() {
        return statement.sql();
    }

    /** 1-based line in the file. */
    public int line() {
        return fileLine;
    }

    public int column() {
        return statement.column();
    }

    /** The index of the first token from {@code from} that is the key word, or -1. */
    public int indexOf(String keyword, int from) {
        List<Tok> tokens = tokens();
        for (int i = Math.max(0, from); i < tokens.size(); i++) {
            if (tokens.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the key words appear one after the other anywhere in the statement. */
    public boolean hasSequence(String... keywords) {
        return sequenceAt(0, keywords) >= 0;
    }

    public int sequenceAt(int from, String... keywords) {
        List<Tok> tokens = tokens();
        outer:
        for (int i = Math.max(0, from); i + keywords.length <= tokens.size(); i++) {
            for (int k = 0; k < keywords.length; k++) {
                if (!tokens.get(i + k).is(keywords[k])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Splits tokens {@code [from, to)} at commas outside parentheses. */
    public List<List<Tok>> splitTopLevel(int from, int to) {
        List<Tok> tokens = tokens();
        List<List<Tok>> parts = new ArrayList<>();
        List<Tok> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < Math.min(to, tokens.size()); i++) {
            Tok t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            } else if (depth == 0 && t.isPunct(",")) {
                parts.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** The index of the parenthesis closing the one at {@code open}, or the end. */
    public int closing(int open) {
        List<Tok> tokens = tokens();
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                depth++;
            } else if (tokens.get(i).isPunct(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The locks the statement takes, on every object it locks, computed once. */
    public List<HeldLock> locks() {
        if (locks == null) {
            locks = StatementLocks.of(this);
        }
        return locks;
    }

    /**
     * The (possibly schema-qualified) name that follows token {@code at}, skipping ONLY, IF [NOT] EXISTS
     * and CONCURRENTLY; null when there is none.
     */
    public String nameAfter(int at) {
        if (at < 0) {
            return null;
        }
        int i = at + 1;
        while (is(i, "ONLY") || is(i, "CONCURRENTLY") || is(i, "IF") || is(i, "NOT") || is(i, "EXISTS")) {
            i++;
        }
        StringBuilder name = new StringBuilder();
        while (isName(tok(i))) {
            name.append(tok(i).text());
            if (tok(i + 1) != null && tok(i + 1).isPunct(".") && isName(tok(i + 2))) {
                name.append('.');
                i += 2;
            } else {
                break;
            }
        }
        return name.length() == 0 ? null : name.toString();
    }

    private static boolean isName(Tok t) {
        return t != null && (t.type() == dev.lockstep.internal.sql.TokenType.WORD
                || t.type() == dev.lockstep.internal.sql.TokenType.QUOTED_IDENTIFIER);
    }

    /** The statement's first line, for messages. */
    public String firstLine() {
        String sql = statement.sql();
        int nl = sql.indexOf('\n');
        String line = nl < 0 ? sql : sql.substring(0, nl) + " ...";
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
