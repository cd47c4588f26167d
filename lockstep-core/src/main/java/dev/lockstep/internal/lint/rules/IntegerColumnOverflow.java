package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.ColumnDef;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;
import java.util.Locale;
import java.util.Set;

public final class IntegerColumnOverflow extends Rule {
    private static final Set<String> INT4 = Set.of("INT", "INTEGER", "INT4", "SERIAL", "SERIAL4");
    private static final Set<String> INT2 = Set.of("SMALLINT", "INT2", "SMALLSERIAL", "SERIAL2");

    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "An int or smallint column that holds ids, references or counts will run out of values";
    }

    @Override
    public String why() {
        return "A column fed by a sequence (serial, identity), one that references another table's key, or one "
                + "named like an id or a count grows with the data: int stops at 2,147,483,647 and smallint at "
                + "32,767, and then every insert fails. Widening it later rewrites the table under ACCESS EXCLUSIVE. "
                + "bigint costs 4 bytes more per row. (Primary keys have their own rule, prefer-bigint-primary-key.)";
    }

    @Override
    public String instead() {
        return "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint "
                + "REFERENCES customers (id), line_count bigint);";
    }

    @Override
    public String example() {
        return "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers (id));";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            ColumnDef c = f.column();
            boolean int4 = INT4.contains(c.baseType());
            if (f.primaryKey() || !(int4 || INT2.contains(c.baseType())) || !grows(c)) {
                continue;
            }
            findings.add(f.statement(), "column " + c.name() + " is " + c.baseType().toLowerCase(Locale.ROOT)
                            + ": it runs out at " + (int4 ? "2,147,483,647" : "32,767"), "",
                    c.name() + " bigint");
        }
    }

    private static boolean grows(ColumnDef c) {
        String name = c.name().toLowerCase(Locale.ROOT);
        return c.serial() || c.identity() || c.references() || name.equals("id") || name.endsWith("_id")
                || name.endsWith("_ids") || name.contains("count") || name.endsWith("_total") || name.endsWith("_seq")
                || name.endsWith("_number") || name.equals("version");
    }
}
