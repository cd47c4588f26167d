package dev.lockstep.internal.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The functions adding-field-with-default takes as non-volatile are non-volatile in the real server's catalog. */
class VolatilityOnServerTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    /** Written like calls but grammar, not functions of pg_proc. */
    private static final Set<String> SYNTAX = Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP",
            "LOCALTIME", "ARRAY", "ROW", "COALESCE", "NULLIF", "GREATEST", "LEAST", "CAST", "TRIM", "DECIMAL");

    @Test
    void everyFunctionTakenAsNonVolatileIsNonVolatileOnTheServer() {
        Map<String, String> volatility = new HashMap<>();
        for (List<String> row : pg.query("SELECT upper(proname), string_agg(DISTINCT provolatile::text, '') FROM pg_proc "
                + "WHERE pronamespace = 'pg_catalog'::regnamespace GROUP BY proname")) {
            volatility.put(row.get(0), row.get(1));
        }
        for (String name : Volatility.NOT_VOLATILE) {
            if (SYNTAX.contains(name)) {
                assertThat(volatility).as("%s is grammar, not a function", name).doesNotContainKey(name);
            } else {
                assertThat(volatility).as("function %s exists", name).containsKey(name);
                assertThat(volatility.get(name)).as("volatility of every %s overload", name.toLowerCase(Locale.ROOT))
                        .doesNotContain("v");
            }
        }
        for (String name : List.of("RANDOM", "GEN_RANDOM_UUID", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL")) {
            assertThat(volatility.get(name)).as(name).contains("v");
            assertThat(Volatility.NOT_VOLATILE).doesNotContain(name);
        }
    }
}
