package dev.lockstep.cli.render;

import dev.lockstep.Lockstep;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.RuleInfo;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Findings as a SARIF 2.1.0 log, for code-scanning dashboards. */
public final class LintSarif {
    private LintSarif() {
    }

    public static Map<String, Object> of(LintReport report) {
        List<Object> rules = new ArrayList<>();
        for (RuleInfo r : Lockstep.lintRules()) {
            rules.add(fields("id", r.id(), "shortDescription", Map.of("text", r.summary()), "helpUri", r.docs(),
                    "defaultConfiguration", Map.of("level", level(r.severity()))));
        }
        List<Object> results = new ArrayList<>();
        for (Violation v : report.violations()) {
            Map<String, Object> region = fields("startLine", v.span().line(), "startColumn", v.span().column());
            Map<String, Object> location = Map.of("physicalLocation", fields("artifactLocation",
                    Map.of("uri", v.span().file()), "region", region));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", v.rule());
            result.put("level", level(v.severity()));
            result.put("message", Map.of("text", v.message() + (v.lock().isEmpty() ? "" : " (lock: " + v.lock() + ")")
                    + ". Instead: " + v.fix()));
            result.put("locations", List.of(location));
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "lockstep");
        driver.put("version", Lockstep.version());
        driver.put("informationUri", "https://github.com/lockstep-dev/lockstep");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    /**
     * An object with its keys in the order given. {@code Map.of} iterates in an order that changes from one
     * run of the JVM to the next, so the same findings would give a different file each time.
     */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case HINT -> "note";
        };
    }
}
