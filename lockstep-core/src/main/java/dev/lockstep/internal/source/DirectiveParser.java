package dev.lockstep.internal.source;

import dev.lockstep.Durations;
import dev.lockstep.Phase;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {@code -- lockstep:...} directives from the comments before a script's first statement. */
public final class DirectiveParser {
    private static final String PREFIX = "lockstep:";

    public Directives parse(Script script) {
        // No comment can hold a directive: not lexed (most scripts have none). The reading is a method of its
        // own, so that the JIT compiles this short one for every script, not the long one few need.
        return script.mayMention(PREFIX) ? read(script) : Directives.NONE;
    }

    private Directives read(Script script) {
        String text = script.text();
        Lexer lexer = new Lexer(text);
        int line = 1;
        int counted = 0;
        Boolean transaction = null;
        Duration lockTimeout = null;
        Directives.Batch batch = null;
        String empty = null;
        Phase phase = null;
        List<Directives.Suppression> suppressions = new ArrayList<>();
        for (Token t = lexer.next(); t != null && t.type().isTrivia(); t = lexer.next()) {
            if (t.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            String body = t.text(text).substring(2).strip();
            if (!body.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                continue;
            }
            for (; counted < t.start(); counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            int fileLine = script.fileLine(line);
            String[] words = words(body.substring(PREFIX.length()).strip(), 3);
            String name = words[0].toLowerCase(Locale.ROOT);
            String arg = words.length > 1 ? words[1] : "";
            switch (name) {
                case "transaction" -> transaction = onOff(script, fileLine, arg);
                case "lock-timeout" -> lockTimeout = duration(script, fileLine, arg, words.length > 2 ? words[2] : "");
                case "batch" -> batch = batch(script, fileLine, body.substring(PREFIX.length()).strip().substring(5));
                case "phase" -> phase = phase(script, fileLine, arg);
                case "empty" -> {
                    empty = body.substring(PREFIX.length()).strip().substring(5).strip();
                    if (empty.isEmpty()) {
                        throw bad(script, fileLine, "lockstep:empty needs a reason",
                                "write: -- lockstep:empty the version is kept for numbering only");
                    }
                }
                case "ignore" -> {
                    if (arg.isEmpty()) {
                        throw bad(script, fileLine, "lockstep:ignore needs a rule id and a reason",
                                "write: -- lockstep:ignore require-concurrent-index table is empty at this point");
                    }
                    suppressions.add(new Directives.Suppression(arg, words.length > 2 ? words[2] : "", fileLine));
                }
                default -> throw bad(script, fileLine, "unknown directive lockstep:" + words[0],
                        "known directives: lockstep:transaction on|off, lockstep:lock-timeout <duration>, "
                                + "lockstep:ignore <rule> <reason>, lockstep:batch size=<rows> sleep=<duration>, "
                                + "lockstep:empty <reason>, lockstep:phase expand|contract");
            }
        }
        return new Directives(transaction, lockTimeout, List.copyOf(suppressions), batch, empty, phase);
    }

    /**
     * Refuses a {@code -- lockstep:} directive where it has no effect: after a script's first statement,
     * or (in a file with {@code -- migrate:up} / {@code -- migrate:down} sections) before the first
     * section. Only the comments that open a script are read as directives.
     *
     * @param sectionStarts offsets where a script of the file starts (just after each section marker);
     *                      empty for a file that is one script
     */
    public void checkPlacement(Script file, java.util.List<Integer> sectionStarts) {
        if (file.mayMention(PREFIX)) {
            checkComments(file, sectionStarts);
        }
    }

    private static void checkComments(Script file, java.util.List<Integer> sectionStarts) {
        String text = file.text();
        Lexer lexer = new Lexer(text);
        boolean leading = sectionStarts.isEmpty();
        int next = 0;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            while (next < sectionStarts.size() && t.start() >= sectionStarts.get(next)) {
                leading = true;
                next++;
            }
            if (!t.type().isTrivia()) {
                leading = false;
            } else if (!leading && t.type() == TokenType.LINE_COMMENT
                    && t.text(text).substring(2).strip().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                int line = file.fileLine(new dev.lockstep.internal.sql.LineIndex(text).line(t.start()));
                String directive = words(t.text(text).substring(2).strip(), 2)[0];
                throw bad(file, line, "-- " + directive + " has no effect here: directives are read only from the "
                        + "comments before the first statement" + (sectionStarts.isEmpty() ? ""
                        : " of a -- migrate:up or -- migrate:down section"),
                        "move it up to the script's leading comments" + (sectionStarts.isEmpty() ? ""
                                : " (below -- migrate:up)") + ", or remove it");
            }
        }
    }

    /**
     * The words of a stripped text, as {@code text.split("\\s+", limit)} gives them (the last of
     * {@code limit} words is the rest of the text; 0 for no limit), without a regular expression: the JDK's
     * compile one with lambdas, and lint's path links none (docs/architecture.md).
     */
    static String[] words(String text, int limit) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            if (!RegexChars.space(text.charAt(i)) || (limit > 0 && out.size() == limit - 1)) {
                i++;
                continue;
            }
            out.add(text.substring(start, i));
            while (i < text.length() && RegexChars.space(text.charAt(i))) {
                i++;
            }
            start = i;
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    /** {@code size=5000 sleep=100ms}; both optional (5000 rows, no sleep). */
    private static Directives.Batch batch(Script script, int line, String args) {
        int size = 5000;
        Duration sleep = Duration.ZERO;
        for (String part : words(args.strip(), 0)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            try {
                switch (key) {
                    case "size" -> size = rows(value);
                    case "sleep" -> sleep = Durations.parse(value);
                    default -> throw new IllegalArgumentException("unknown option '" + key + "'");
                }
            } catch (IllegalArgumentException e) {
                throw bad(script, line, "lockstep:batch: " + e.getMessage(), "write: -- lockstep:batch size=5000 sleep=100ms");
            }
        }
        if (size < 1) {
            throw bad(script, line, "lockstep:batch size must be at least 1", "write: -- lockstep:batch size=5000");
        }
        return new Directives.Batch(size, sleep);
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static int rows(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size takes a whole number of rows, not '" + value + "'");
        }
    }

    private static Boolean onOff(Script script, int line, String arg) {
        return switch (arg.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> throw bad(script, line, "lockstep:transaction takes on or off, not '" + arg + "'",
                    "write: -- lockstep:transaction off");
        };
    }

    private static Phase phase(Script script, int line, String arg) {
        try {
            return Phase.parse(arg);
        } catch (IllegalArgumentException e) {
            throw bad(script, line, "lockstep:phase takes expand or contract, not '" + arg + "'",
                    "write: -- lockstep:phase expand (additive, runs with migrate) or -- lockstep:phase contract "
                            + "(waits for migrate --phase contract)");
        }
    }

    /**
     * {@code 2s}, {@code 500 ms} (a number and its unit as two words: {@code arg}, then the first word of
     * {@code after}), or a number alone (seconds); words after
     * the value are a remark. A bare number followed by a word that is no unit is refused: {@code 5 parsecs}
     * is not five seconds.
     */
    private static Duration duration(Script script, int line, String arg, String after) {
        String value = arg;
        if (!after.isEmpty() && !value.isEmpty() && isNumber(value)) {
            value = value + words(after, 2)[0]; // "500 ms": the unit as a word of its own
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad(script, line, "lockstep:lock-timeout: " + e.getMessage(), "write: -- lockstep:lock-timeout 2s");
        }
    }

    private static LockstepException bad(Script script, int line, String message, String hint) {
        return new LockstepException(ErrorCode.MIGRATION_FILES, script.path() + ":" + line + ": " + message, hint);
    }
}
