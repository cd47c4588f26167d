package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.sql.StatementSplitter;
import org.junit.jupiter.api.Test;

/** Which type changes PostgreSQL makes without rewriting the table, judged from the old type in the catalog. */
class TypeChangeTest {

    private static TypeChange change(String alter) {
        var s = new StatementSplitter().split(alter).statements().get(0);
        return TypeChange.of(new LintStatement(s, 1, 0, 15).alterActions().get(0));
    }

    private static boolean rewritesNothing(String oldType, String newType) {
        return change("ALTER TABLE t ALTER COLUMN c TYPE " + newType).rewritesNothing(oldType);
    }

    @Test
    void readsTheColumnAndTheNewTypeAsFormatTypePrintsIt() {
        TypeChange c = change("ALTER TABLE t ALTER \"Col\" SET DATA TYPE pg_catalog.VARCHAR (1024)");
        assertThat(c.column()).isEqualTo("Col");
        assertThat(c.type()).isEqualTo("character varying(1024)");
        assertThat(change("ALTER TABLE t ALTER COLUMN Amount TYPE decimal(12)").type()).isEqualTo("numeric(12,0)");
        assertThat(change("ALTER TABLE t ALTER COLUMN Amount TYPE decimal(12)").column()).isEqualTo("amount");
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE jsonb").type()).isNull();
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE text[]").type()).isNull();
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE TIMESTAMP (3) WITH TIME ZONE").type())
                .isEqualTo("timestamp(3) with time zone");
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE timestamptz").type()).isEqualTo("timestamp with time zone");
    }

    @Test
    void wideningAVarcharOrMakingItTextRewritesNothing() {
        assertThat(rewritesNothing("character varying(128)", "varchar(1024)")).isTrue();
        assertThat(rewritesNothing("character varying(128)", "varchar(128)")).isTrue();
        assertThat(rewritesNothing("character varying(128)", "varchar")).isTrue();
        assertThat(rewritesNothing("character varying(128)", "text")).isTrue();
        assertThat(rewritesNothing("text", "varchar")).isTrue();
        assertThat(rewritesNothing("character varying", "text")).isTrue();
        assertThat(rewritesNothing("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(rewritesNothing("numeric(10,2)", "numeric")).isTrue();
        assertThat(rewritesNothing("bit varying(8)", "varbit(16)")).isTrue();
        assertThat(rewritesNothing("cidr", "inet")).isTrue();
        assertThat(rewritesNothing("timestamp(3) without time zone", "timestamp")).isTrue();
        assertThat(rewritesNothing("timestamp(3) without time zone", "timestamp(6) without time zone")).isTrue();
        assertThat(rewritesNothing("timestamp(3) with time zone", "timestamptz")).isTrue();
        assertThat(rewritesNothing("time(0) without time zone", "time(3)")).isTrue();
        assertThat(rewritesNothing("interval(0)", "interval")).isTrue();
    }

    @Test
    void narrowingChangingTheKindOrAUsingClauseRewrites() {
        assertThat(rewritesNothing("character varying(128)", "varchar(64)")).isFalse();
        assertThat(rewritesNothing("text", "varchar(64)")).isFalse();
        assertThat(rewritesNothing("character varying", "varchar(64)")).isFalse();
        assertThat(rewritesNothing("integer", "text")).isFalse();
        assertThat(rewritesNothing("integer", "bigint")).isFalse();
        assertThat(rewritesNothing("numeric(10,2)", "numeric(12,3)")).isFalse();
        assertThat(rewritesNothing("numeric(10,2)", "numeric(8,2)")).isFalse();
        assertThat(rewritesNothing("numeric", "numeric(12,2)")).isFalse();
        assertThat(rewritesNothing("inet", "cidr")).isFalse();
        assertThat(rewritesNothing("character varying(10)[]", "text")).isFalse();
        assertThat(rewritesNothing("character varying(10)[]", "varchar(20)")).isFalse();
        assertThat(rewritesNothing("timestamp without time zone", "timestamp(3)")).isFalse();
        assertThat(rewritesNothing("timestamp(6) without time zone", "timestamp(3)")).isFalse();
        assertThat(rewritesNothing("timestamp(3) without time zone", "timestamptz")).isFalse();
        assertThat(rewritesNothing("timestamp with time zone", "timestamp")).isFalse();
        assertThat(rewritesNothing("time without time zone", "timetz")).isFalse();
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE interval day to second(3)").type()).isNull();
        assertThat(rewritesNothing(null, "text")).isFalse();
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE text USING c::text").rewritesNothing("character varying(9)"))
                .isFalse();
        assertThat(change("ALTER TABLE t ALTER COLUMN c TYPE text COLLATE \"C\"").rewritesNothing("text")).isFalse();
    }
}
