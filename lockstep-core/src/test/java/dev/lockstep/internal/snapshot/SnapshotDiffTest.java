package dev.lockstep.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.SchemaDifference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot as a value: its text, the difference of two, roles mapped. No database. */
class SnapshotDiffTest {
    private static SchemaObject object(ObjectKind kind, String name, String... props) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            m.put(props[i], props[i + 1]);
        }
        return new SchemaObject(kind, name, m);
    }

    private static final Snapshot BASE = new Snapshot("app", List.of(
            object(ObjectKind.TABLE, "public.accounts", "column id", "bigint NOT NULL", "column email", "text",
                    "index accounts_email", "CREATE INDEX accounts_email ON public.accounts USING btree (email)",
                    "owner", "app", "grant reader", "SELECT"),
            object(ObjectKind.FUNCTION, "public.touch()", "returns", "trigger", "body", "\nBEGIN\n  RETURN NEW;\nEND;\n"),
            object(ObjectKind.SCHEMA, "public", "owner", "postgres")));

    @Test
    void sortsObjectsByKindThenName() {
        assertThat(BASE.objects()).extracting(SchemaObject::key)
                .containsExactly("schema public", "table public.accounts", "function public.touch()");
    }

    @Test
    void textReadsBackAsWrittenWithMultiLineValues() {
        String text = SnapshotText.write(BASE);
        assertThat(text).contains("  body: |5\n    \n    BEGIN\n      RETURN NEW;\n    END;\n    \n");
        assertThat(SnapshotText.parse(text)).isEqualTo(BASE);
    }

    @Test
    void textSurvivesStrippedTrailingWhitespaceAndWindowsLineEndings() {
        String stripped = SnapshotText.write(BASE).lines().map(String::stripTrailing)
                .reduce((a, b) -> a + "\r\n" + b).orElseThrow();
        assertThat(SnapshotText.parse(stripped)).isEqualTo(BASE);
    }

    @Test
    void keysWithQuotedColonsAndValuesThatLookLikeBlocksReadBack() {
        Snapshot s = new Snapshot("\"my role\"", List.of(object(ObjectKind.TABLE, "public.\"a: b\"",
                "column \"x: y\"", "text", "comment", "|3 not a count", "column z comment", "")));
        assertThat(SnapshotText.parse(SnapshotText.write(s))).isEqualTo(s);
    }

    @Test
    void aFileThatIsNotASnapshotIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> SnapshotText.parse("CREATE TABLE x ();")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SnapshotText.parse(SnapshotText.HEADER + "\n-- role: app\n\nwidget public.x\n"))
                .hasMessageContaining("line 4").hasMessageContaining("widget public.x");
        assertThatThrownBy(() -> SnapshotText.parse(SnapshotText.HEADER + "\n-- role: app\n\ntable public.x\n  body: |9\n"))
                .hasMessageContaining("says 9 lines follow");
    }

    @Test
    void diffGroupsByObject() {
        Snapshot live = new Snapshot("app", List.of(
                object(ObjectKind.TABLE, "public.accounts", "column id", "bigint NOT NULL", "column email", "text",
                        "column nickname", "text", "owner", "app", "grant reader", "SELECT, UPDATE"),
                object(ObjectKind.SCHEMA, "public", "owner", "postgres"),
                object(ObjectKind.VIEW, "public.v", "definition", "SELECT 1")));
        List<SchemaDifference> d = SnapshotDiff.diff(BASE, live);
        assertThat(d).extracting(SchemaDifference::object, SchemaDifference::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("table public.accounts", "changed"),
                org.assertj.core.groups.Tuple.tuple("view public.v", "extra"),
                org.assertj.core.groups.Tuple.tuple("function public.touch()", "missing"));
        assertThat(d.get(0).properties()).extracting(SchemaDifference.Property::key, SchemaDifference.Property::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("index accounts_email", "missing"),
                        org.assertj.core.groups.Tuple.tuple("grant reader", "changed"),
                        org.assertj.core.groups.Tuple.tuple("column nickname", "extra"));
        assertThat(d.get(0).lines()).containsExactly("table public.accounts: changed",
                "  index accounts_email: missing: CREATE INDEX accounts_email ON public.accounts USING btree (email)",
                "  grant reader: expected SELECT, found SELECT, UPDATE",
                "  column nickname: extra: text");
        assertThat(SnapshotDiff.diff(BASE, BASE)).isEmpty();
    }

    @Test
    void containmentIgnoresWhatOnlyTheLargerSchemaHas() {
        Snapshot smaller = new Snapshot("app", List.of(object(ObjectKind.TABLE, "public.accounts", "column id",
                "bigint NOT NULL")));
        assertThat(SnapshotDiff.notContained(smaller, BASE)).isEmpty();
        assertThat(SnapshotDiff.notContained(BASE, smaller)).extracting(SchemaDifference::object)
                .containsExactly("schema public", "table public.accounts", "function public.touch()");
    }

    @Test
    void rolesMapEverywhereARoleIsNamedButInThePublicSchema() {
        Snapshot s = new Snapshot("postgres", List.of(
                object(ObjectKind.TABLE, "public.t", "policy p to", "postgres, reader", "owner", "postgres",
                        "column c grant postgres", "UPDATE", "grant postgres", "SELECT", "comment", "postgres"),
                object(ObjectKind.DEFAULT_PRIVILEGES, "for postgres in schema public on tables", "grant postgres", "ALL"),
                object(ObjectKind.SCHEMA, "public", "grant postgres", "USAGE")));
        assertThat(Roles.named(s)).containsExactly("postgres", "reader");
        Snapshot mapped = Roles.rename(s, Map.of("postgres", "app"));
        assertThat(mapped.role()).isEqualTo("app");
        assertThat(SnapshotText.write(mapped)).contains("  policy p to: app, reader\n  owner: app\n"
                        + "  column c grant app: UPDATE\n  grant app: SELECT\n  comment: postgres\n")
                .contains("default privileges for app in schema public on tables\n  grant app: ALL")
                .contains("schema public\n  grant postgres: USAGE");
        assertThat(Roles.unquote("\"my \"\"role\"\"\"")).isEqualTo("my \"role\"");
    }
}
