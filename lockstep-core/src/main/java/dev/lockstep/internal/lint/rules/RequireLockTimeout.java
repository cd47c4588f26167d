package dev.lockstep.internal.lint.rules;

import dev.lockstep.Durations;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.TokenType;
import dev.lockstep.lint.Severity;
import java.time.Duration;

public final class RequireLockTimeout extends Rule {
    /** Longer than this, a waiting DDL statement stalls the table's traffic for too long. */
    static final Duration MAX = Duration.ofSeconds(10);

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A write-blocking statement runs without a short lock_timeout";
    }

    @Override
    public String why() {
        return "A statement waiting for its lock queues every later query on the table behind it. With a short "
                + "lock_timeout it gives up instead, and Lockstep retries it with backoff. Lockstep sets lock_timeout "
                + "for every migration (default 1s); a file that sets it to 0, DEFAULT or more than 10s, or a "
                + "-- lockstep:lock-timeout over 10s, takes that protection away.";
    }

    @Override
    public String instead() {
        return "-- lockstep:lock-timeout 2s    (or leave the default of 1s)";
    }

    @Override
    public String example() {
        return "SET lock_timeout = 0;\nALTER TABLE accounts ADD COLUMN plan text;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        boolean unsafe = script.lockTimeoutDirective() != null && script.lockTimeoutDirective().compareTo(MAX) > 0;
        String why = unsafe ? "-- lockstep:lock-timeout " + Durations.format(script.lockTimeoutDirective()) : null;
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.SET && s.size() >= 3 && s.hasSequence("LOCK_TIMEOUT")) {
                Tok value = s.tok(s.size() - 1);
                unsafe = disables(value);
                why = unsafe ? "'" + s.firstLine() + "'" : null;
            } else if (unsafe && Locks.blocksWritesOnExistingTable(script, s)) {
                findings.add(s, "runs without a short lock_timeout (" + why + "): while it waits for "
                        + s.locks().get(0) + ", every query on the table waits behind it",
                        "", "remove the SET, or keep lock_timeout at 10s or less");
                return;
            }
        }
    }

    private static boolean disables(Tok value) {
        if (value.is("DEFAULT")) {
            return true;
        }
        String v = value.type() == TokenType.STRING ? value.text().substring(1, value.text().length() - 1) : value.text();
        try {
            Duration d = allDigits(v) ? Duration.ofMillis(Long.parseLong(v)) : Durations.parse(v);
            return d.isZero() || d.compareTo(MAX) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean allDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
