package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Transaction;
import dev.lockstep.lint.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class MultipleStrongLocks extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Write-blocking locks on several tables in one transaction invite deadlocks and long queues";
    }

    @Override
    public String why() {
        return "Each lock is held until the transaction ends, so the first table stays blocked while the migration "
                + "waits for the second. If the application takes the same tables in the other order, one of them "
                + "deadlocks; meanwhile queries queue behind both locks. (When the first lock is ACCESS EXCLUSIVE, "
                + "strong-lock-then-more-work reports it instead.)";
    }

    @Override
    public String instead() {
        return "-- one table per migration (or per BEGIN ... COMMIT block)\n-- V30__orders.sql\n"
                + "ALTER TABLE orders ADD COLUMN note text;\n-- V31__invoices.sql\nALTER TABLE invoices ADD COLUMN note text;";
    }

    @Override
    public String example() {
        return "CREATE INDEX orders_note ON orders (note);\nCREATE TRIGGER invoices_audit AFTER UPDATE ON invoices "
                + "FOR EACH ROW EXECUTE FUNCTION audit();";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (Transaction t : script.transactions()) {
            if (!t.block()) {
                continue;
            }
            Set<String> locked = null; // made when a statement first blocks writes (most transactions never do)
            for (LintStatement s : t.statements()) {
                List<String> tables = Locks.writeBlocked(script, s);
                if (tables.isEmpty()) {
                    continue;
                }
                if (locked == null && Locks.accessExclusive(script, s) != null) {
                    break; // strong-lock-then-more-work reports what follows an ACCESS EXCLUSIVE lock
                }
                if (locked == null) {
                    locked = new LinkedHashSet<>();
                } else if (!locked.containsAll(tables)) {
                    Set<String> all = new LinkedHashSet<>(locked);
                    all.addAll(tables);
                    findings.add(s, "this transaction takes write-blocking locks on " + String.join(" and ", all)
                            + "; all are held until " + t.releasedAt(), "", "touch one table per transaction");
                    break;
                }
                locked.addAll(tables);
            }
        }
    }
}
