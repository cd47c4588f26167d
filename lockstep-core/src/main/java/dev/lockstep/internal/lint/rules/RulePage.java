package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Rule;

/** Renders a rule's docs page, and the index of all rules, from the rule classes themselves. */
public final class RulePage {
    private RulePage() {
    }

    public static String of(Rule rule) {
        String when = rule.enabledByDefault() ? ""
                : " Off by default: turn it on with `enable = [\"" + rule.id() + "\"]` in `[lint]`.";
        String down = rule.checksDownScripts() ? " Down scripts are checked too." : "";
        return "# " + rule.id() + "\n\n"
                + "Severity: **" + rule.severity().label() + "** (change it in `[lint.severity]` of lockstep.toml; "
                + "see [severities](README.md#severities))." + when + down + "\n\n"
                + "## Problem\n\n" + rule.summary() + ".\n\n"
                + "```sql\n" + rule.example() + "\n```\n\n"
                + "## Why it hurts\n\n" + rule.why() + "\n\n"
                + "## Instead\n\n" + (looksLikeSql(rule.instead()) ? "```sql\n" + rule.instead() + "\n```" : rule.instead())
                + "\n\n"
                + "## Suppress\n\nWhen the finding does not apply, say why in the file's leading comments:\n\n"
                + "```sql\n-- lockstep:ignore " + rule.id() + " <why it is safe here>\n```\n";
    }

    /** SQL (or SQL comments) goes in a code block; advice in prose stays prose. */
    private static boolean looksLikeSql(String text) {
        return text.contains(";") || text.startsWith("--") || text.matches("(?s)^[a-z_]+ [a-z].*");
    }

    public static String index() {
        StringBuilder sb = new StringBuilder("# Lint rules\n\n`lockstep lint` checks migrations before they run;"
                + " `migrate` refuses pending migrations with error-level findings unless they are suppressed or"
                + " `--allow-unsafe` is given. See [the lint command](../commands/lint.md).\n\n"
                + "## Severities\n\n"
                + "| severity | means | `lint` exit 3 | `migrate` |\n|---|---|---|---|\n"
                + "| error | blocks reads or writes of a table for a time that grows with the table (a rewrite, a "
                + "scan or an index build under a strong lock), or cannot succeed as written (it fails, or never "
                + "does what it says), or destroys data beyond what it names | with the default `--fail-on error` "
                + "| refuses it (nothing applied) unless suppressed or `--allow-unsafe` |\n"
                + "| warning | a risk that depends on the data, the traffic or the code running against the "
                + "schema: a short strong lock that can queue traffic, a rename or drop that breaks running code, "
                + "a NOT NULL column that fails only if the table has rows | with `--fail-on warning` | shows it "
                + "in `--dry-run`, applies |\n"
                + "| hint | style that costs later: serial, int keys, varchar(n), timestamp, char(n), enum order | "
                + "only with `--fail-on hint` | shows it in `--dry-run`, applies |\n\n"
                + "Hints are shown with the findings and counted in the summary line, but `--fail-on warning` does "
                + "not count them. Change a rule's severity in `[lint.severity]`, turn a rule off with "
                + "`[lint] disable`, and turn on a rule that is off by default with `[lint] enable`.\n\n"
                + "## Transactions\n\n"
                + "A lock is held until the transaction that took it ends. The rules see a file's transactions as "
                + "it runs: a file without transaction control is one transaction (Lockstep's), unless a statement "
                + "in it cannot run in one (CONCURRENTLY, VACUUM ...) or it says `-- lockstep:transaction off`, "
                + "and then each statement commits on its own. A file with explicit `BEGIN; ... COMMIT;` blocks "
                + "runs as written, as psql runs it: each block is one transaction, its locks end at its `COMMIT`, "
                + "and a statement outside the blocks commits on its own. `lockstep lint --explain FILE` prints "
                + "that timeline.\n\n"
                + "## Down scripts\n\n"
                + "Down scripts are read too: one that cannot be split into statements is a `syntax-error`, and the "
                + "rules that say a script would fail to run (marked below) check them. Dropping what the up "
                + "script created is a down script's job, so the other rules leave them alone.\n\n"
                + "## Rules\n\n"
                + "| rule | severity | finds |\n|---|---|---|\n");
        for (Rule r : BuiltInRules.all()) {
            sb.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ")
                    .append(r.severity().label()).append(r.enabledByDefault() ? "" : " (off by default)")
                    .append(" | ").append(r.summary()).append(r.checksDownScripts() ? " (down scripts too)" : "")
                    .append(" |\n");
        }
        return sb.toString();
    }
}
