package dev.lockstep.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.Readiness;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code /readyz}: {@code {ok, checks: [{name: "db", ok, ms, detail}, {name: "migrations", ok,
 * ms, detail: {current, expected, pending, failed, partial, checksum_mismatch, missing}}]}}.
 */
public final class ReadinessJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReadinessJson() {
    }

    public static String render(Readiness r) {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("name", "db");
        db.put("ok", r.database().ok());
        db.put("ms", r.database().ms());
        db.put("detail", r.database().detail());

        Readiness.Migrations m = r.migrations();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("current", m.current());
        detail.put("expected", m.expected());
        detail.put("pending", m.pending());
        detail.put("failed", m.failed());
        detail.put("partial", m.partial());
        detail.put("checksum_mismatch", m.checksumMismatch());
        detail.put("missing", m.missing());
        if (m.detail() != null) {
            detail.put("error", m.detail());
        }
        Map<String, Object> migrations = new LinkedHashMap<>();
        migrations.put("name", "migrations");
        migrations.put("ok", m.ok());
        migrations.put("ms", m.ms());
        migrations.put("detail", detail);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", r.ok());
        doc.put("checks", List.of(db, migrations));
        doc.put("checked_at", r.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
