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
            "99999999999999999999999, 1, 1",
            "9223372036854775806, 9223372036854775807, -1",
            "9223372036854775807, 9223372036854775806, 1",
            "2, 1.5, 1",
            "1.5, 2, -1",
            "0, 0.0.0, 0"})
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
    void comparesAsTheNumbersOfEachPartDoForVersionsOfEveryShape() {
        java.util.Random random = new java.util.Random(42);
        String[] numbers = {"0", "00", "1", "7", "10", "4611686018427387903", "4611686018427387904",
            "9223372036854775806", "9223372036854775807", "9223372036854775808", "20260110120000", "123456789012345678901"};
        for (int i = 0; i < 20_000; i++) {
            String a = version(random, numbers);
            String b = version(random, numbers);
            int expected = Integer.signum(byParts(a, b));
            assertThat(Integer.signum(MigrationVersion.parse(a).compareTo(MigrationVersion.parse(b)))).as("%s vs %s", a, b)
                    .isEqualTo(expected);
            assertThat(MigrationVersion.parse(a).equals(MigrationVersion.parse(b))).isEqualTo(expected == 0);
        }
    }

    private static String version(java.util.Random random, String[] numbers) {
        StringBuilder v = new StringBuilder(numbers[random.nextInt(numbers.length)]);
        for (int parts = random.nextInt(3); parts > 0; parts--) {
            v.append(random.nextBoolean() ? '.' : '_').append(numbers[random.nextInt(numbers.length)]);
        }
        return v.toString();
    }

    /** The comparison spelled out: part by part as numbers, a missing part being 0. */
    private static int byParts(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            java.math.BigInteger p = new java.math.BigInteger(i < x.length ? x[i] : "0");
            java.math.BigInteger q = new java.math.BigInteger(i < y.length ? y[i] : "0");
            if (p.compareTo(q) != 0) {
                return p.compareTo(q);
            }
        }
        return 0;
    }

    @org.junit.jupiter.api.Test
    void keepsTheTextAsWrittenWithDots() {
        assertThat(MigrationVersion.parse("0001").text()).isEqualTo("0001");
        assertThat(MigrationVersion.parse("1_2").text()).isEqualTo("1.2");
    }
}
