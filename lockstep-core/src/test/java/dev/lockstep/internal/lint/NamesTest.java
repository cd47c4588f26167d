package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "accounts|accounts",
            "Accounts|accounts",
            "public.accounts|accounts",
            "App.T|app.t",
            "\"Users\"|Users",
            "public.\"Users\"|Users",
            "\"my.schema\".\"A\"\"B\"|my.schema.A\"B"})
    void foldsNamesTheWayPostgresResolvesThem(String written, String normalized) {
        assertThat(Names.normalize(written)).isEqualTo(normalized);
    }
}
