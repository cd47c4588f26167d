package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Rule;

/** Renders a rule's docs page, and the index of all rules, from the rule classes themselves. */
public final class RulePage {
    private RulePage() {
    }

    public static String of(Rule rule) {
        return "# " + rule.id() + "\n\n"
                + "Severity: **" + rule.severity().label() + "** (change it in `[lint.severity]` of lockstep.toml).\n\n"
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
                + " `migrate` judges each error-level finding against the database and refuses to run while one"
                + " blocks: a finding about a table created in the same run, or a small one, does not (see"
                + " [the lint gate](../commands/migrate.md#the-lint-gate)); suppress one in the file or pass"
                + " `--allow-unsafe`. See [the lint command](../commands/lint.md).\n\n"
                + "| rule | severity | finds |\n|---|---|---|\n");
        for (Rule r : BuiltInRules.all()) {
            sb.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ")
                    .append(r.severity().label()).append(" | ").append(r.summary()).append(" |\n");
        }
        return sb.toString();
    }
}
