package dev.lockstep.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementSplitterTest {
    private final StatementSplitter splitter = new StatementSplitter();

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("two plain statements", "SELECT 1; SELECT 2;", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("last statement without semicolon", "SELECT 1;\nSELECT 2", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("semicolon in single quotes", "INSERT INTO t VALUES ('a;b');",
                        List.of("INSERT INTO t VALUES ('a;b')")),
                Arguments.of("doubled quote", "SELECT 'it''s; fine';", List.of("SELECT 'it''s; fine'")),
                Arguments.of("E string with backslash-escaped quote", "SELECT E'a\\';b'; SELECT 2;",
                        List.of("SELECT E'a\\';b'", "SELECT 2")),
                Arguments.of("plain string: backslash is not an escape", "SELECT 'a\\'; SELECT 2;",
                        List.of("SELECT 'a\\'", "SELECT 2")),
                Arguments.of("U& string", "SELECT U&'d\\0061t;a';", List.of("SELECT U&'d\\0061t;a'")),
                Arguments.of("quoted identifier with semicolon", "CREATE TABLE \"a;b\" (id int);",
                        List.of("CREATE TABLE \"a;b\" (id int)")),
                Arguments.of("dollar quotes", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;",
                        List.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2")),
                Arguments.of("tagged dollar quotes nesting $$", "DO $body$ BEGIN EXECUTE $$SELECT 1;$$; END $body$;",
                        List.of("DO $body$ BEGIN EXECUTE $$SELECT 1;$$; END $body$")),
                Arguments.of("positional parameter is not a dollar quote", "PREPARE p AS SELECT $1; SELECT 2;",
                        List.of("PREPARE p AS SELECT $1", "SELECT 2")),
                Arguments.of("identifier containing a dollar", "SELECT a$b FROM t; SELECT 2;",
                        List.of("SELECT a$b FROM t", "SELECT 2")),
                Arguments.of("line comment with semicolon", "SELECT 1; -- a; b\nSELECT 2;", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("nested block comments", "SELECT 1 /* a /* b; */ c; */; SELECT 2;",
                        List.of("SELECT 1", "SELECT 2")),
                Arguments.of("leading comments are not part of the statement", "-- header\n/* x */\nSELECT 1;",
                        List.of("SELECT 1")),
                Arguments.of("empty statements", ";;SELECT 1;;", List.of("SELECT 1")),
                Arguments.of("BEGIN ATOMIC body", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                        + "SELECT CASE WHEN true THEN 2 END; END; SELECT 3;",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                                + "SELECT CASE WHEN true THEN 2 END; END", "SELECT 3")),
                Arguments.of("CREATE OR REPLACE PROCEDURE with BEGIN ATOMIC",
                        "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; SELECT 1;",
                        List.of("CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END", "SELECT 1")),
                Arguments.of("transaction BEGIN is its own statement", "BEGIN; SELECT 1; COMMIT;",
                        List.of("BEGIN", "SELECT 1", "COMMIT")),
                Arguments.of("semicolon in parentheses (rule actions)", "CREATE RULE r AS ON INSERT TO t DO ALSO "
                        + "(INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 1;",
                        List.of("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                                "SELECT 1")),
                Arguments.of("operators with dashes", "SELECT 5 - -3; SELECT 2;", List.of("SELECT 5 - -3", "SELECT 2")),
                Arguments.of("CRLF line endings", "SELECT 1;\r\nSELECT 2;\r\n", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("psql ON_ERROR_STOP is ignored", "\\set ON_ERROR_STOP on\nSELECT 1;", List.of("SELECT 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void splitsLikePsql(String name, String script, List<String> expected) {
        SplitResult result = splitter.split(script);
        assertThat(result.problems()).isEmpty();
        assertThat(result.statements()).extracting(SqlStatement::sql).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("SELECT 1;\nSELECT 'abc;\n", 2, 8, "unterminated string"),
                Arguments.of("SELECT 1;\n\nCREATE FUNCTION f() AS $x$ SELECT 1;", 3, 24, "unterminated dollar-quoted string $x$"),
                Arguments.of("SELECT \"abc", 1, 8, "unterminated quoted identifier"),
                Arguments.of("SELECT 1 /* /* */", 1, 10, "unterminated block comment"),
                Arguments.of("SELECT E'abc\\'", 1, 8, "unterminated string"),
                Arguments.of("SELECT 1;\n\\i other.sql\n", 2, 1, "psql meta-command \\i is not supported"),
                Arguments.of("COPY t (a) FROM stdin;\n1\n2\n", 1, 1, "no terminating line"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("broken")
    void reportsUnfinishedConstructsWithLineAndColumn(String script, int line, int column, String message) {
        SplitResult result = splitter.split(script);
        assertThat(result.ok()).isFalse();
        SqlProblem p = result.problems().get(0);
        assertThat(p.message()).contains(message);
        assertThat(p.line()).isEqualTo(line);
        assertThat(p.column()).isEqualTo(column);
    }

    @Test
    void copyFromStdinCarriesItsDataUpToTheTerminator() {
        String script = "CREATE TABLE t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tx;y\n2\t'q\n\\.\nSELECT 3;\n";
        SplitResult result = splitter.split(script);
        assertThat(result.problems()).isEmpty();
        assertThat(result.statements()).extracting(SqlStatement::sql)
                .containsExactly("CREATE TABLE t (a int, b text)", "COPY t (a, b) FROM stdin", "SELECT 3");
        assertThat(result.statements().get(1).copyData()).isEqualTo("1\tx;y\n2\t'q\n");
        assertThat(result.statements().get(2).line()).isEqualTo(6);
    }

    @Test
    void statementsKnowTheirLineAndColumn() {
        SplitResult result = splitter.split("-- c\n\n  SELECT 1;\n   SELECT\n 2;");
        assertThat(result.statements()).extracting(SqlStatement::line).containsExactly(3, 4);
        assertThat(result.statements()).extracting(SqlStatement::column).containsExactly(3, 4);
    }

    @Test
    void neverThrowsOrHangsOnArbitraryInput() {
        String alphabet = "ab$'\"\\;-/*()\nEeU&1_ BEGINATOMICEND";
        Random random = new Random(42);
        for (int n = 0; n < 5000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SplitResult result = splitter.split(sb.toString());
            assertThat(result.statements().size() + result.problems().size()).isLessThanOrEqualTo(len + 1);
        }
    }
}
