package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.Generated;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The loader reads file and directory names, down headings and directive words without regular expressions (the JDK compiles one
 * with lambdas, and lint's path links none): each agrees with the expression it replaces on every string
 * built from the fragments that matter.
 */
class HandWrittenMatchersTest {
    private static final Pattern HEADING = Pattern.compile(
            "(?i)--\\s*(down|down\\s+migration|rollback)\\s*(:|\\(.*\\))?\\s*");
    private static final List<String> FRAGMENTS = List.of(" ", "\t", "\u000B", "down", "DoWn", "migration",
            "MIGRATION", "rollback", "Rollbac\u212A", ":", "(", ")", "x", "\r", "\u2028", "\u00A0", "-");

    @Test
    void theDownHeadingMatchesWhatItsRegularExpressionMatches() {
        int headings = 0;
        for (String rest : Generated.strings(FRAGMENTS, 4)) {
            for (String comment : List.of("--" + rest, "-" + rest, rest)) {
                boolean expected = HEADING.matcher(comment).matches();
                assertThat(CommentedDown.isHeading(comment)).as("'%s'", comment).isEqualTo(expected);
                headings += expected ? 1 : 0;
            }
        }
        assertThat(headings).as("headings among the strings tried").isGreaterThan(100);
    }

    private static final String VERSION = "(\\d+(?:[._]\\d+)*)";
    private static final Pattern FLYWAY = Pattern.compile("([VU])" + VERSION + "__(.*)\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern PAIR = Pattern.compile(VERSION + "(?:[_-](.*?))?\\.(up|down)\\.sql");
    private static final Pattern NUMBERED = Pattern.compile(VERSION + "(?:[_-](.*))?\\.sql");

    /** File names as the regular expressions read them: the reference for FileName.ofFile. */
    private static Optional<FileName> byExpression(String name) {
        Matcher m = FLYWAY.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.FLYWAY, m.group(1).equals("V") ? FileName.Role.UP
                    : FileName.Role.DOWN, m.group(2), m.group(3)));
        }
        m = FLYWAY_REPEATABLE.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.FLYWAY, FileName.Role.REPEATABLE, null, m.group(1)));
        }
        m = PAIR.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.PAIRS, m.group(3).equals("up") ? FileName.Role.UP
                    : FileName.Role.DOWN, m.group(1), m.group(2) == null ? "" : m.group(2)));
        }
        m = NUMBERED.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.NUMBERED, FileName.Role.UP, m.group(1),
                    m.group(2) == null ? "" : m.group(2)));
        }
        return Optional.empty();
    }

    @Test
    void fileNamesReadAsTheirRegularExpressionsReadThem() {
        List<String> parts = List.of("V", "U", "R", "1", "23", ".", "_", "-", "up", "down", "x", "\n", "sql");
        int migrations = 0;
        for (String stem : Generated.strings(parts, 4)) {
            for (String name : List.of(stem, stem + ".sql", stem + ".up.sql", stem + ".down.sql")) {
                Optional<FileName> expected = byExpression(name);
                assertThat(FileName.ofFile(name)).as("'%s'", name).isEqualTo(expected);
                migrations += expected.isPresent() ? 1 : 0;
            }
        }
        assertThat(migrations).as("migration names among those tried").isGreaterThan(1_000);
    }

    private static final Pattern DIESEL_DIRECTORY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})-(\\d{6})(?:-(\\d+))?_(.+)");
    private static final Pattern DIRECTORY = Pattern.compile(VERSION + "[_-](.+)");

    /** Directory names as the regular expressions read them: the reference for FileName.ofDirectory. */
    private static Optional<FileName> directoryByExpression(String name) {
        Matcher m = DIESEL_DIRECTORY.matcher(name);
        if (m.matches()) {
            String version = m.group(1) + m.group(2) + m.group(3) + m.group(4)
                    + (m.group(5) == null ? "" : "." + (Long.parseLong(m.group(5)) + 1));
            return Optional.of(new FileName(NamingStyle.DIRECTORY, FileName.Role.UP, version, m.group(6)));
        }
        m = DIRECTORY.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.DIRECTORY, FileName.Role.UP, m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    @Test
    void directoryNamesReadAsTheirRegularExpressionsReadThem() {
        List<String> parts = List.of("2016-01-01-120000", "2016-01-01-1200001", "2016-1-01-120000", "2025-11-19-091444",
                "-", "_", ".", "0000", "1", "23", "x", "\n", "\u2028", "\u0663");
        int migrations = 0;
        int diesel = 0;
        for (String name : Generated.strings(parts, 4)) {
            Optional<FileName> expected = directoryByExpression(name);
            assertThat(FileName.ofDirectory(name)).as("'%s'", name).isEqualTo(expected);
            migrations += expected.isPresent() ? 1 : 0;
            diesel += DIESEL_DIRECTORY.matcher(name).matches() ? 1 : 0;
        }
        assertThat(migrations).as("migration directories among the names tried").isGreaterThan(1_000);
        assertThat(diesel).as("diesel names among them").isGreaterThan(100);
    }

    @Test
    void directiveWordsAreWhatSplittingOnWhiteSpaceGives() {
        for (String text : Generated.strings(FRAGMENTS, 4)) {
            String stripped = text.strip();
            for (int limit : new int[] {0, 2, 3}) {
                assertThat(DirectiveParser.words(stripped, limit)).as("'%s' limit %d", stripped, limit)
                        .containsExactly(stripped.split("\\s+", limit));
            }
        }
    }
}
