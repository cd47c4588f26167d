package dev.lockstep.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String PW = "p@ss:w/rd S3cr\"et%";

    @Test
    void removesThePasswordOfUrlsWithAMistypedScheme() {
        for (String url : List.of("postgres//app:Hunter2x@db/x", "postgres:/app:Hunter2x@db/x",
                "postgresql:app:Hunter2x@db/x", "postgres://app:Hunter2x@db/x", "jdbc:postgresql://app:Hunter2x@db/x",
                "postgres://app:Hun/ter2x@db/x")) {
            assertThat(Redactor.redact("connecting to " + url + " now")).as(url)
                    .doesNotContain("Hunter2x").doesNotContain("ter2x").contains("app:***@db/x").endsWith(" now");
        }
    }

    @Test
    void removesPasswordParametersOfUrlsConninfoStringsAndJson() {
        assertThat(Redactor.redact("jdbc:postgresql://h/d?user=a&password=Hunter2x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/d?user=a&password=***&ssl=true");
        assertThat(Redactor.redact("host=db port=5432 password='Hunter 2x' dbname=app"))
                .isEqualTo("host=db port=5432 password=*** dbname=app");
        assertThat(Redactor.redact("PGPASSWORD=Hunter2x pg_dump")).isEqualTo("PGPASSWORD=*** pg_dump");
        assertThat(Redactor.redact("{\"user\":\"a\",\"password\" : \"Hun\\\"ter2x\"}"))
                .isEqualTo("{\"user\":\"a\",\"password\" : \"***\"}");
    }

    @Test
    void removesEveryFormOfAKnownSecret() {
        String text = String.join(" | ", PW, "p%40ss%3Aw%2Frd%20S3cr%22et%25", "p%40ss%3aw%2frd%20S3cr%22et%25",
                "p%40ss%3Aw%2Frd+S3cr%22et%25", "p@ss:w/rd S3cr\\\"et%");
        String out = Redactor.redact(text, PW);
        assertThat(out).isEqualTo("*** | *** | *** | *** | ***");
    }

    @Test
    void leavesPlaceholdersAndOrdinaryTextAlone() {
        String hint = "use postgres://user:password@host:5432/database; see docs/settings.md: the url key";
        assertThat(Redactor.redact(hint)).isEqualTo(hint);
        assertThat(Redactor.redact("app@db.example.com:6543/shop")).isEqualTo("app@db.example.com:6543/shop");
        assertThat(Redactor.redact("short secrets stay in free text", "te")).isEqualTo("short secrets stay in free text");
    }

    @Test
    void showsAnUnparsedUrlOnlyUpToItsScheme() {
        assertThat(Redactor.unparsed("postgres//app:Hunter2x@db/x")).isEqualTo("postgres//***");
        assertThat(Redactor.unparsed("postgres:/app:Hunter2x@db/x")).isEqualTo("postgres:/***");
        assertThat(Redactor.unparsed("mysql://u:Hunter2x@h/db")).isEqualTo("mysql://***");
        assertThat(Redactor.unparsed(":Hunter2x@h")).isEqualTo("***");
    }

    @Test
    void findsTheSecretsAFrontEndIsHanded() {
        Set<String> secrets = Redactor.secretsOf(Map.of("PGPASSWORD", "FromEnvPw", "PROD_URL",
                "postgres://app:p%40ss%3Aw0rd@db/x", "LANG", "C.UTF-8"), List.of("--url", "postgres//a:Broken1pw@h/d",
                "--url=jdbc:postgresql://h/d?password=ParamPw1"));
        assertThat(secrets).contains("FromEnvPw", "p%40ss%3Aw0rd", "p@ss:w0rd", "Broken1pw", "ParamPw1")
                .doesNotContain("C.UTF-8");
        // Typed raw, '@' and spaces and all: a URL parser takes everything up to the last '@'.
        assertThat(Redactor.secretsOf(Map.of(), List.of("postgres://app:Zq9@7:/w S3cr%et@db/x")))
                .contains("Zq9@7:/w S3cr%et");
    }

    @Test
    void aBadPercentEscapeInAUrlIsAConfigurationErrorThatEchoesNothing() {
        assertThatThrownBy(() -> ConnectionTarget.parse("postgres://app:Hun%ZZter2x@db/x", Map.of()))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("password").doesNotContain("ZZ").doesNotContain("Hun")
                            .doesNotContain("ter2x");
                });
    }

    @Test
    void portsAreCheckedBeforeTheDriverSeesThemAndAreEchoedOnlyAsDigits() {
        assertThatThrownBy(() -> ConnectionTarget.parse("postgres://app:pw@db:99999/x", Map.of()))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("port 99999 is out of range").contains("65535");
                });
        assertThatThrownBy(() -> ConnectionTarget.parse("postgres://app:Hunter2x/db", Map.of()))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.getMessage()).contains("port is not a number").doesNotContain("Hunter2x");
                    assertThat(e.hint()).contains("postgres://user:password@host");
                });
    }

    @Test
    void aStringThatIsNotAUrlIsShownUpToItsScheme() {
        assertThatThrownBy(() -> ConnectionTarget.parse("postgres//app:Hunter2x@db/x", Map.of()))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.getMessage()).startsWith("'postgres//***' is not a PostgreSQL URL")
                            .doesNotContain("Hunter2x").doesNotContain("app");
                    assertThat(e.hint()).contains("postgres://");
                });
    }
}
