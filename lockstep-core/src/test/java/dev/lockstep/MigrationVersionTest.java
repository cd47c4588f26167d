package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationVersionTest {

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "1.10, 1.9, 1",
            "1.2, 1.2.0, 0",
            "0003, 3, 0",
            "2, 10, -1",
            "1_2, 1.2, 0",
            "20260110120000, 20251231235959, 1",
            "1.2.3, 1.2.10, -1",
            "99999999999999999999999, 1, 1"})
    void comparesNumericallyPartByPart(String a, String b, int expected) {
        assertThat(Integer.signum(MigrationVersion.parse(a).compareTo(MigrationVersion.parse(b)))).isEqualTo(expected);
        assertThat(MigrationVersion.parse(a).equals(MigrationVersion.parse(b))).isEqualTo(expected == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".1", "v1", "1..2", "1-2", "abc"})
    void rejectsWhatIsNotAVersion(String text) {
        assertThatThrownBy(() -> MigrationVersion.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MigrationVersion.isVersion(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void keepsTheTextAsWrittenWithDots() {
        assertThat(MigrationVersion.parse("0001").text()).isEqualTo("0001");
        assertThat(MigrationVersion.parse("1_2").text()).isEqualTo("1.2");
    }
}
