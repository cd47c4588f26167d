package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reset puts back the runner's own settings, whatever the text of its application name. */
class SessionResetTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aMigrationsSettingsAreUndoneAndTheRunnersOwnArePutBackVerbatim() throws Exception {
        String name = "lockstep it's a \\ test";
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("SET application_name = " + SessionReset.literal(name));
            SessionReset reset = new SessionReset(Duration.ofSeconds(90));
            reset.apply(c);
            st.execute("SET application_name = 'changed by a migration'; SET search_path = nowhere; "
                    + "SET idle_in_transaction_session_timeout = 0; CREATE TEMP TABLE scratch (id int)");
            reset.apply(c);
            assertThat(one(st, "SHOW application_name")).isEqualTo(name);
            assertThat(one(st, "SHOW idle_in_transaction_session_timeout")).isEqualTo("90s");
            assertThat(one(st, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(st, "SELECT count(*) FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void aLiteralReadsBackAsItsTextWhateverStandardConformingStringsSays() throws Exception {
        String text = "o'brien \\n \\\\ ''";
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            for (String scs : new String[] {"on", "off"}) {
                st.execute("SET standard_conforming_strings = " + scs);
                assertThat(one(st, "SELECT " + SessionReset.literal(text))).as(scs).isEqualTo(text);
            }
        }
    }
}
