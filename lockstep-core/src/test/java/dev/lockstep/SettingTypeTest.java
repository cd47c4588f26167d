package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in setting types read what a user writes and write it back the same way. */
class SettingTypeTest {
    private static <T> void roundTrip(SettingType<T> type, Object written, T value, String formatted) {
        assertThat(type.parse(written)).as("%s of %s", type.describe(), written).isEqualTo(value);
        assertThat(type.format(value)).as("%s formatted", type.describe()).isEqualTo(formatted);
        assertThat(type.parse(formatted)).as("%s read back", type.describe()).isEqualTo(value);
    }

    @Test
    void theTimeZoneDefaultIsUtcAsZoneIdOfWouldGiveIt() {
        // Built without loading the time-zone database, which a start-up does not need.
        assertThat(Setting.TIME_ZONE.defaultValue()).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(Setting.TIME_ZONE.defaultValue()).hasToString("UTC");
        assertThat(Setting.TIME_ZONE.defaultValue().getRules().getOffset(java.time.Instant.parse("2026-07-01T00:00:00Z")))
                .isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void wordsFromConstantsAreTheWordsOfTheClass() {
        SettingType<CancelBlockers> given = SettingType.words(CancelBlockers.class, CancelBlockers.values());
        SettingType<CancelBlockers> asked = SettingType.words(CancelBlockers.class);
        assertThat(given.describe()).isEqualTo(asked.describe());
        assertThat(given.allowed()).isEqualTo(asked.allowed()).isNotEmpty();
        assertThat(given.parse(asked.allowed().get(0))).isEqualTo(asked.parse(asked.allowed().get(0)));
    }

    @Test
    void eachBuiltInTypeReadsAndWritesItsValues() {
        roundTrip(SettingType.STRING, "public", "public", "public");
        roundTrip(SettingType.DURATION, "90s", Duration.ofSeconds(90), Durations.exact(Duration.ofSeconds(90)));
        roundTrip(SettingType.POSITIVE_DURATION, "2s", Duration.ofSeconds(2), Durations.exact(Duration.ofSeconds(2)));
        roundTrip(SettingType.BOOLEAN, "yes", true, "true");
        roundTrip(SettingType.BOOLEAN, false, false, "false");
        roundTrip(SettingType.COUNT, 3L, 3, "3");
        roundTrip(SettingType.PATH, "db/migrations", Path.of("db/migrations"), "db/migrations");
        roundTrip(SettingType.TIME_ZONE, "Europe/Berlin", ZoneId.of("Europe/Berlin"), "Europe/Berlin");
        roundTrip(SettingType.SIZE, "10MB", 10L << 20, "10MB");
        roundTrip(SettingType.SIZE, "1536", 1536L, "1536B");
        roundTrip(SettingType.STRINGS, List.of("a", "b"), List.of("a", "b"), "a, b");
        roundTrip(SettingType.STRINGS, "a, b", List.of("a", "b"), "a, b");
        roundTrip(SettingType.MAJOR_VERSION, 15L, 15, "15");
        roundTrip(SettingType.PORT, "8080", 8080, "8080");
        roundTrip(SettingType.RATE, "0.5", 0.5, "0.5");
        roundTrip(SettingType.PERCENT, "20%", 0.2, "20%");
        roundTrip(SettingType.DATABASE_ID, "7301234567890123456/shop", "7301234567890123456/shop",
                "7301234567890123456/shop");
        roundTrip(SettingType.WINDOW, "09:00-18:00", "09:00-18:00", "09:00-18:00");
        assertThat(SettingType.STRING.format(null)).isEmpty();
    }

    @Test
    void theRegistrysStructuredTypesReadTablesListsAndWords() {
        SettingType<CancelBlockers> words = SettingType.words(CancelBlockers.class);
        assertThat(words.describe()).isEqualTo("off | idle-in-transaction | all");
        assertThat(words.allowed()).containsExactly("off", "idle-in-transaction", "all");
        roundTrip(words, "Idle-In-Transaction", CancelBlockers.IDLE_IN_TRANSACTION, "idle-in-transaction");
        assertThatThrownBy(() -> words.parse("some")).hasMessage("'some' is not one of off, idle-in-transaction, all");
        assertThat(SettingType.SEVERITIES.parse(Map.of("ban-drop-column", "error")))
                .isEqualTo(Map.of("ban-drop-column", dev.lockstep.lint.Severity.ERROR));
        assertThatThrownBy(() -> SettingType.SEVERITIES.parse("error")).hasMessageContaining("must be a table");
        List<VerifyCheck.Http> http = SettingType.HTTP_CHECKS.parse(List.of(Map.of("url", "http://localhost/healthz")));
        assertThat(http).containsExactly(new VerifyCheck.Http("http://localhost/healthz", 200, Duration.ofSeconds(10)));
        assertThat(SettingType.HTTP_CHECKS.format(http)).isEqualTo("1 entries");
        assertThat(SettingType.COMMAND_CHECKS.parse(List.of(Map.of("run", "true"))))
                .containsExactly(new VerifyCheck.Command("true", Duration.ofSeconds(60)));
        assertThatThrownBy(() -> SettingType.RLS_CHECKS.parse(List.of("x"))).hasMessageContaining("each entry must be a table");
        assertThatThrownBy(() -> Setting.WATCH_HTTP.parse("x")).hasMessageContaining("[[watch.http]]");
        assertThatThrownBy(() -> Setting.WATCH_COMMAND.parse("x")).hasMessageContaining("[[watch.command]]");
        List<HookCommand> hooks = SettingType.HOOKS.parse("echo done");
        assertThat(hooks).hasSize(1);
        assertThat(SettingType.HOOKS.parse(SettingType.HOOKS.format(hooks))).isEqualTo(hooks);
    }

    @Test
    void aValueThatIsNotOneSaysWhatItMustBe() {
        assertThatThrownBy(() -> SettingType.POSITIVE_DURATION.parse("0s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not above zero");
        assertThatThrownBy(() -> SettingType.BOOLEAN.parse("maybe")).hasMessageContaining("'maybe' is not true or false");
        assertThatThrownBy(() -> SettingType.COUNT.parse("-1")).hasMessageContaining("whole number >= 0");
        assertThatThrownBy(() -> SettingType.TIME_ZONE.parse("Mars/Base")).hasMessageContaining("not a time zone");
        assertThatThrownBy(() -> SettingType.SIZE.parse("ten")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> SettingType.MAJOR_VERSION.parse("fifteen")).hasMessageContaining("major version");
        assertThatThrownBy(() -> SettingType.MAJOR_VERSION.parse("99")).hasMessageContaining("(9 to 29), not '99'");
        assertThatThrownBy(() -> SettingType.MAJOR_VERSION.parse("8")).hasMessageContaining("not '8'");
        assertThat(SettingType.MAJOR_VERSION.parse("18")).isEqualTo(18);
        assertThatThrownBy(() -> SettingType.PORT.parse("70000")).hasMessageContaining("port from 0 to 65535");
        assertThatThrownBy(() -> SettingType.RATE.parse("-2")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> SettingType.PERCENT.parse("lots")).hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> SettingType.DATABASE_ID.parse("shop")).hasMessageContaining("not a database identity");
        assertThatThrownBy(() -> SettingType.WINDOW.parse("9-18")).hasMessageContaining("not a window");
        assertThatThrownBy(() -> SettingType.STRING.parse(Map.of("a", 1))).hasMessageContaining("single value (text)");
        assertThatThrownBy(() -> Setting.LINT_PG_VERSION.parse("x")).hasMessageStartingWith("lint.pg-version: ");
    }

    @Test
    void aCommaSeparatedListSplitsAsTheRegularExpressionSplitsIt() {
        String[] pieces = {"a", "bc", ",", " ", "\t", "\u000B", "\u2003", "\n"};
        for (String text : dev.lockstep.testkit.Generated.strings(List.of(pieces), 5)) {
            String stripped = text.strip();
            if (!stripped.isEmpty()) {
                assertThat(SettingType.commaSeparated(stripped)).as("'%s'", stripped)
                        .containsExactly(stripped.split("\\s*,\\s*"));
            }
        }
        assertThat(SettingType.STRINGS.parse(" a , b,c ")).containsExactly("a", "b", "c");
        assertThat(SettingType.STRINGS.parse(List.of("x", "y"))).containsExactly("x", "y");
    }
}
