package dev.lockstep.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a script into statements at top-level semicolons, the way psql does: not inside quotes,
 * comments, dollar quotes, parentheses or a {@code BEGIN ATOMIC ... END} function body; the data of
 * {@code COPY ... FROM stdin} runs to its {@code \.} line. Never throws: what cannot be read becomes a
 * {@link SqlProblem} with its line and column.
 */
public final class StatementSplitter {
    /** How many significant tokens of a statement are kept for classification. */
    public static final int MAX_WORDS = 64;

    private final StatementClassifier classifier = new StatementClassifier();

    public SplitResult split(String script) {
        LineIndex lines = new LineIndex(script);
        List<SqlStatement> statements = new ArrayList<>();
        List<SqlProblem> problems = new ArrayList<>();
        Lexer lexer = new Lexer(script);

        int stmtStart = -1;
        int lastSignificantEnd = -1;
        int parenDepth = 0;
        int blockDepth = 0;
        List<String> words = new ArrayList<>();

        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            TokenType type = token.type();
            if (type.isTrivia()) {
                continue;
            }
            if (type == TokenType.UNTERMINATED) {
                problems.add(problem(lines, token.start(), "unterminated " + lexer.unterminatedWhat()));
                break;
            }
            if (type == TokenType.META_COMMAND) {
                String meta = token.text(script).strip();
                if (!isIgnorableMeta(meta)) {
                    problems.add(problem(lines, token.start(), "psql meta-command " + firstWord(meta)
                            + " is not supported; Lockstep runs plain SQL (remove it, or run it outside the migration)"));
                }
                continue;
            }
            if (type == TokenType.SEMICOLON && parenDepth == 0 && blockDepth == 0) {
                if (stmtStart >= 0) {
                    SqlStatement stmt = statement(script, lines, statements.size(), stmtStart, lastSignificantEnd,
                            words, null);
                    if (stmt.info().kind() == StatementKind.COPY_FROM_STDIN) {
                        Token data = lexer.readCopyData();
                        if (data == null) {
                            problems.add(problem(lines, stmtStart,
                                    "COPY ... FROM stdin has no terminating line \\. after its data"));
                            break;
                        }
                        stmt = statement(script, lines, statements.size(), stmtStart, lastSignificantEnd, words,
                                data.text(script));
                    }
                    statements.add(stmt);
                }
                stmtStart = -1;
                words = new ArrayList<>();
                continue;
            }
            if (stmtStart < 0) {
                stmtStart = token.start();
            }
            lastSignificantEnd = token.end();
            if (type == TokenType.OPEN_PAREN) {
                parenDepth++;
            } else if (type == TokenType.CLOSE_PAREN && parenDepth > 0) {
                parenDepth--;
            } else if (type == TokenType.WORD && opensOrClosesBody(script, token, words)) {
                blockDepth = Math.max(0, blockDepth + (token.isWord(script, "END") ? -1 : 1));
            }
            if (words.size() < MAX_WORDS) {
                words.add(token.text(script));
            }
        }
        if (stmtStart >= 0 && problems.isEmpty()) {
            statements.add(statement(script, lines, statements.size(), stmtStart, lastSignificantEnd, words, null));
            SqlStatement last = statements.get(statements.size() - 1);
            if (last.info().kind() == StatementKind.COPY_FROM_STDIN) {
                problems.add(problem(lines, stmtStart, "COPY ... FROM stdin needs a semicolon, its data and a \\. line"));
            }
        }
        return new SplitResult(List.copyOf(statements), List.copyOf(problems), lines);
    }

    /**
     * Inside {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, a SQL-standard body is
     * {@code BEGIN ATOMIC ... END} and may hold {@code CASE ... END}; semicolons inside do not end the
     * statement. psql tracks the same words.
     */
    private static boolean opensOrClosesBody(String script, Token token, List<String> words) {
        boolean begin = token.isWord(script, "BEGIN");
        boolean kase = token.isWord(script, "CASE");
        boolean end = token.isWord(script, "END");
        return (begin || kase || end) && definesRoutine(words);
    }

    private static boolean definesRoutine(List<String> words) {
        if (words.size() < 2 || !words.get(0).equalsIgnoreCase("CREATE")) {
            return false;
        }
        int at = 1;
        if (words.get(1).equalsIgnoreCase("OR") && words.size() > 3) {
            at = 3;
        }
        String what = words.get(at).toUpperCase(Locale.ROOT);
        return what.equals("FUNCTION") || what.equals("PROCEDURE");
    }

    private SqlStatement statement(String script, LineIndex lines, int index, int start, int end, List<String> words,
                                   String copyData) {
        List<String> kept = List.copyOf(words);
        return new SqlStatement(index, script.substring(start, end), start, lines.line(start), lines.column(start),
                kept, copyData, classifier.classify(kept));
    }

    private static boolean isIgnorableMeta(String meta) {
        String lower = meta.toLowerCase(Locale.ROOT);
        return lower.startsWith("\\set on_error_stop") || lower.equals("\\.");
    }

    private static String firstWord(String meta) {
        int space = meta.indexOf(' ');
        return space < 0 ? meta : meta.substring(0, space);
    }

    private static SqlProblem problem(LineIndex lines, int offset, String message) {
        return new SqlProblem(lines.line(offset), lines.column(offset), message);
    }
}
