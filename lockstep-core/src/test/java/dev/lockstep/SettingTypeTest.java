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
    void aValueThatIsNotOneSaysWhatItMustBe() {
        assertThatThrownBy(() -> SettingType.POSITIVE_DURATION.parse("0s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not above zero");
        assertThatThrownBy(() -> SettingType.BOOLEAN.parse("maybe")).hasMessageContaining("'maybe' is not true or false");
        assertThatThrownBy(() -> SettingType.COUNT.parse("-1")).hasMessageContaining("whole number >= 0");
        assertThatThrownBy(() -> SettingType.TIME_ZONE.parse("Mars/Base")).hasMessageContaining("not a time zone");
        assertThatThrownBy(() -> SettingType.SIZE.parse("ten")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> SettingType.MAJOR_VERSION.parse("fifteen")).hasMessageContaining("major version");
        assertThatThrownBy(() -> SettingType.PORT.parse("70000")).hasMessageContaining("port from 0 to 65535");
        assertThatThrownBy(() -> SettingType.RATE.parse("-2")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> SettingType.PERCENT.parse("lots")).hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> SettingType.DATABASE_ID.parse("shop")).hasMessageContaining("not a database identity");
        assertThatThrownBy(() -> SettingType.WINDOW.parse("9-18")).hasMessageContaining("not a window");
        assertThatThrownBy(() -> SettingType.STRING.parse(Map.of("a", 1))).hasMessageContaining("single value (text)");
        assertThatThrownBy(() -> Setting.LINT_PG_VERSION.parse("x")).hasMessageStartingWith("lint.pg-version: ");
    }
}
