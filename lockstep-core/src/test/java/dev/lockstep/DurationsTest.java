package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "2, 2000", "1.5s, 1500", "1m, 60000", "1h, 3600000", "24h, 86400000"})
    void readsWhatUsersWrite(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 days", "ms"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"850, 850ms", "2400, 2.4s", "192000, 3m12s", "86400000, 24h", "5400000, 1h30m"})
    void printsShortHumanForms(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"500, 500ms", "10000, 10s", "120000, 2m", "86400000, 24h", "1500, 1500ms", "0, 0s"})
    void printsTheExactFormASettingIsWrittenIn(long millis, String text) {
        assertThat(Durations.exact(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
