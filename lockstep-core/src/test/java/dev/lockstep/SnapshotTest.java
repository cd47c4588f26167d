package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;

    /** One of each kind of object a snapshot describes. */
    static final String SCHEMA = """
            CREATE ROLE snapshot_reader NOLOGIN;
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE SCHEMA billing;
            COMMENT ON SCHEMA billing IS 'money';
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
            CREATE DOMAIN positive AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
            CREATE TYPE pair AS (a integer, b text);
            CREATE SEQUENCE billing.invoice_no START 1000 INCREMENT 5;
            CREATE TABLE accounts (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text COLLATE "C" NOT NULL,
                name text DEFAULT 'anonymous',
                score positive,
                feeling mood,
                doubled bigint GENERATED ALWAYS AS (id * 2) STORED
            );
            COMMENT ON TABLE accounts IS 'who pays';
            COMMENT ON COLUMN accounts.email IS 'unique per account';
            ALTER TABLE accounts ADD CONSTRAINT email_has_at CHECK (email LIKE '%@%') NOT VALID;
            CREATE INDEX accounts_name ON accounts (lower(name));
            CREATE TABLE billing.invoices (no integer DEFAULT nextval('billing.invoice_no') PRIMARY KEY,
                account_id bigint REFERENCES accounts (id), total numeric(12, 2));
            ALTER SEQUENCE billing.invoice_no OWNED BY billing.invoices.no;
            INSERT INTO billing.invoices (account_id, total) VALUES (NULL, 1), (NULL, 1);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RETURN NEW;
            END;
            $$;
            CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
                AS 'SELECT a + b';
            CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
            CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
            ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own ON accounts FOR SELECT TO snapshot_reader USING (email = current_user);
            CREATE VIEW account_names AS SELECT id, name FROM accounts;
            CREATE MATERIALIZED VIEW invoice_totals AS SELECT account_id, sum(total) AS total FROM billing.invoices
                GROUP BY account_id;
            GRANT SELECT ON accounts TO snapshot_reader;
            GRANT UPDATE (name) ON accounts TO snapshot_reader;
            ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO snapshot_reader;
            CREATE SCHEMA lockstep;
            CREATE TABLE lockstep.lockstep_history (id int);
            """;

    @BeforeAll
    static void build() {
        pg.execute(SCHEMA);
    }

    private SnapshotResult take() {
        return Lockstep.configure().url(pg.url()).workDir(root).build().snapshot(null);
    }

    @Test
    void describesEveryKindOfObjectFromTheCatalogs() {
        String text = take().text();
        assertThat(text).startsWith("-- lockstep schema snapshot 1\n")
                .contains("\nschema billing\n  owner: postgres\n  comment: money\n")
                .contains("\nextension pg_trgm\n  schema: public\n")
                .contains("\nenum public.mood\n  values: 'sad', 'meh', 'ok', 'happy'\n")
                .contains("\ndomain public.positive\n  type: integer\n  not null: yes\n  default: 1\n"
                        + "  constraint positive_check: CHECK ((VALUE > 0))\n")
                .contains("\ntype public.pair\n  attribute a: integer\n  attribute b: text\n")
                .contains("\nsequence billing.invoice_no\n  definition: AS bigint START 1000 INCREMENT 5 MINVALUE 1 "
                        + "MAXVALUE 9223372036854775807 CACHE 1\n  owned by: billing.invoices.no\n")
                .contains("\ntable public.accounts\n  column id: bigint NOT NULL GENERATED ALWAYS AS IDENTITY\n"
                        + "  column email: text COLLATE pg_catalog.\"C\" NOT NULL\n"
                        + "  column name: text DEFAULT 'anonymous'::text\n  column score: positive\n"
                        + "  column feeling: mood\n  column doubled: bigint GENERATED ALWAYS AS ((id * 2)) STORED\n")
                .contains("  constraint email_has_at: CHECK ((email ~~ '%@%'::text)) NOT VALID\n")
                .contains("  constraint accounts_pkey: PRIMARY KEY (id)\n")
                .contains("  index accounts_name: CREATE INDEX accounts_name ON public.accounts USING btree (lower(name))\n")
                .contains("  trigger accounts_touch: CREATE TRIGGER accounts_touch BEFORE UPDATE ON public.accounts FOR "
                        + "EACH ROW EXECUTE FUNCTION touch()\n")
                .contains("  policy own: PERMISSIVE FOR SELECT USING ((email = CURRENT_USER))\n  policy own to: "
                        + "snapshot_reader\n  row level security: enabled\n")
                .contains("  grant snapshot_reader: SELECT\n")
                .contains("  column name grant snapshot_reader: UPDATE\n")
                .contains("  column email comment: unique per account\n  comment: who pays\n")
                .contains("\nview public.account_names\n  definition: |")
                .contains("\nmaterialized view public.invoice_totals\n")
                .contains("\nfunction public.touch()\n  returns: trigger\n  language: plpgsql\n  body: |5\n    \n"
                        + "    BEGIN\n        RETURN NEW;\n    END;\n    \n")
                .contains("\nfunction public.add(integer, integer)\n  returns: integer\n"
                        + "  arguments: a integer, b integer DEFAULT 1\n  language: sql\n  volatility: immutable\n"
                        + "  strict: yes\n  body: SELECT a + b\n")
                .contains("\nprocedure public.noop()\n")
                .contains("\ndefault privileges for postgres in schema billing on tables\n  grant snapshot_reader: SELECT\n");
        assertThat(text).as("the history schema and the extension's own functions are left out")
                .doesNotContain("lockstep_history").doesNotContain("function public.similarity(");
    }

    @Test
    void readsTheSameTwiceAndItsTextReadsBackAsWritten() {
        SnapshotResult first = take();
        assertThat(take().text()).isEqualTo(first.text());
        assertThat(dev.lockstep.internal.snapshot.SnapshotText.write(
                dev.lockstep.internal.snapshot.SnapshotText.parse(first.text()))).isEqualTo(first.text());
    }

    @Test
    void oneConnectionReadsWhatTwoRead() throws Exception {
        try (var c = pg.connect()) {
            var alone = new dev.lockstep.internal.inspect.CatalogReader("lockstep").read(c);
            assertThat(dev.lockstep.internal.snapshot.SnapshotText.write(alone)).isEqualTo(take().text());
        }
    }

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildIsMarked() throws Exception {
        try {
            pg.execute("CREATE UNIQUE INDEX CONCURRENTLY invoices_total_unique ON billing.invoices (total)");
        } catch (IllegalStateException expected) {
            // two invoices have the same total: the build fails and leaves the index behind, invalid
        }
        try {
            assertThat(take().text()).contains("  index invoices_total_unique: CREATE UNIQUE INDEX invoices_total_unique "
                    + "ON billing.invoices USING btree (total) (INVALID)\n");
        } finally {
            pg.execute("DROP INDEX billing.invoices_total_unique");
        }
    }

    @Test
    void writesTheFileGiven() throws Exception {
        SnapshotResult r = Lockstep.configure().url(pg.url()).workDir(root).build().snapshot(Path.of("schema.snapshot"));
        assertThat(r.file()).isEqualTo("schema.snapshot");
        assertThat(Files.readString(root.resolve("schema.snapshot"))).isEqualTo(r.text());
        assertThat(r.objects()).isGreaterThan(10);
    }
}
