package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two branches each add migrations; heads finds them, merge resolves them, validate fails until it has. */
class HeadsTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        m = new MigrationsDir(root);
        git("init", "-q", "-b", "main");
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .write("V2__tasks.sql", "CREATE TABLE tasks (id int);");
        commit("first two");
        lockstep().migrate();
    }

    private Lockstep lockstep() {
        return m.lockstep(pg.url(), b -> b.workDir(root));
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    /** Branch a adds {@code a}, branch b (from the same commit) adds {@code b}; main merges a, then b. */
    private void twoBranches(String a, String aDown, String b) throws Exception {
        git("checkout", "-q", "-b", "a");
        m.write(a, "CREATE TABLE from_a (id int);");
        if (aDown != null) {
            m.write(aDown, "DROP TABLE from_a;");
        }
        commit("a");
        git("checkout", "-q", "main");
        git("checkout", "-q", "-b", "b");
        m.write(b, "CREATE TABLE from_b (id int);");
        commit("b");
        git("checkout", "-q", "main");
        git("merge", "-q", "--no-ff", "-m", "merge a", "a");
        git("merge", "-q", "--no-ff", "-m", "merge b", "b");
    }

    @Test
    void twoNewVersionsAfterTheSameAppliedOneAreHeadsUntilMergeRecordsTheirOrder() throws Exception {
        twoBranches("V3__from_a.sql", null, "V4__from_b.sql");

        HeadsResult heads = lockstep().heads();
        assertThat(heads.git()).isTrue();
        assertThat(heads.newestApplied()).isEqualTo("2");
        assertThat(heads.conflicts()).extracting(HeadsResult.Conflict::kind, HeadsResult.Conflict::version,
                HeadsResult.Conflict::after, HeadsResult.Conflict::before).containsExactly(tuple("parallel", "4", "2", "3"));
        assertThat(heads.conflicts().get(0).message()).isEqualTo("V4__from_b.sql was written after version 2, but 3 "
                + "(V3__from_a.sql, from another branch) now runs before it");

        ValidateResult invalid = lockstep().validate();
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.PARALLEL_BRANCHES);
            assertThat(i.message()).endsWith("then run 'lockstep merge'");
        });

        MergeResult dry = lockstep().merge(true);
        assertThat(dry.ordered()).containsExactly("4 after 3");
        assertThat(m.dir.resolve("lockstep.order")).doesNotExist();

        MergeResult merged = lockstep().merge(false);
        assertThat(merged.renamed()).isEmpty();
        assertThat(merged.ordered()).containsExactly("4 after 3");
        assertThat(merged.orderFile()).isEqualTo("migrations/lockstep.order");
        assertThat(Files.readString(m.dir.resolve("lockstep.order"))).endsWith("\n4 after 3\n");
        assertThat(lockstep().heads().resolved()).isTrue();
        assertThat(lockstep().heads().recorded()).containsExactly("4 after 3");
        assertThat(lockstep().validate().valid()).isTrue();
        assertThat(lockstep().migrate().executed()).extracting(AppliedMigration::version).containsExactly("3", "4");
    }

    @Test
    void twoFilesWithOneVersionAreRenumberedTheLaterWithItsDownScript() throws Exception {
        twoBranches("V3__from_a.sql", null, "V3__from_b.sql");
        m.write("U3__from_b.sql", "DROP TABLE from_b;");
        commit("down for b");

        HeadsResult heads = lockstep().heads();
        assertThat(heads.conflicts()).extracting(HeadsResult.Conflict::kind, HeadsResult.Conflict::file)
                .containsExactly(tuple("duplicate", "V3__from_b.sql"));

        MergeResult merged = lockstep().merge(false);
        assertThat(merged.renamed()).containsExactlyInAnyOrder("U3__from_b.sql -> U4__from_b.sql",
                "V3__from_b.sql -> V4__from_b.sql");
        assertThat(m.dir.resolve("V4__from_b.sql")).exists();
        assertThat(m.dir.resolve("V3__from_a.sql")).exists();
        assertThat(lockstep().heads().resolved()).isTrue();
        assertThat(lockstep().migrate().executed()).extracting(AppliedMigration::version).containsExactly("3", "4");
    }

    @Test
    void aRenumberedMigrationTakesTheLaterOnesOfItsBranchAlongInOrder() throws Exception {
        git("checkout", "-q", "-b", "a");
        m.write("V3__assignee.sql", "CREATE TABLE assignees (id int);");
        commit("a");
        git("checkout", "-q", "main");
        git("checkout", "-q", "-b", "b");
        m.write("V3__labels.sql", "CREATE TABLE labels (id int PRIMARY KEY);");
        commit("b1");
        m.write("V4__task_label.sql", "CREATE TABLE task_labels (label_id int REFERENCES labels (id));");
        commit("b2");
        git("checkout", "-q", "main");
        git("merge", "-q", "--no-ff", "-m", "merge a", "a");
        git("merge", "-q", "--no-ff", "-m", "merge b", "b");

        MergeResult merged = lockstep().merge(false);
        assertThat(merged.renamed()).containsExactly("V3__labels.sql -> V5__labels.sql",
                "V4__task_label.sql -> V6__task_label.sql");
        assertThat(merged.ordered()).isEmpty();
        assertThat(lockstep().heads().resolved()).isTrue();
        assertThat(lockstep().migrate().executed()).extracting(AppliedMigration::version).containsExactly("3", "5", "6");
    }

    @Test
    void aFileBelowTheNewestAppliedIsRenumberedButAnAppliedOneNever() throws Exception {
        m.write("V5__late.sql", "CREATE TABLE late (id int);");
        commit("five");
        lockstep().migrate();
        m.write("V3__behind.sql", "CREATE TABLE behind (id int);").write("V5__same.sql", "CREATE TABLE same (id int);");

        HeadsResult heads = lockstep().heads();
        assertThat(heads.conflicts()).extracting(HeadsResult.Conflict::kind, HeadsResult.Conflict::file)
                .containsExactly(tuple("duplicate", "V5__same.sql"), tuple("out-of-order", "V3__behind.sql"));

        MergeResult merged = lockstep().merge(false);
        assertThat(merged.renamed()).containsExactly("V3__behind.sql -> V6__behind.sql", "V5__same.sql -> V7__same.sql");
        assertThat(m.dir.resolve("V5__late.sql")).as("the applied file keeps its version").exists();
        assertThat(lockstep().heads().resolved()).isTrue();
        assertThat(lockstep().validate().valid()).isTrue();
    }

    @Test
    void withoutGitTheFilesAndHistoryStillTell() throws Exception {
        deleteRecursively(root.resolve(".git"));
        m.write("V0__zero.sql", "SELECT 1;");
        HeadsResult heads = lockstep().heads();
        assertThat(heads.git()).isFalse();
        assertThat(heads.conflicts()).extracting(HeadsResult.Conflict::kind).containsExactly("out-of-order");
        assertThat(lockstep().merge(false).renamed()).containsExactly("V0__zero.sql -> V3__zero.sql");
    }

    @Test
    void headsAndMergeRefuseMigrationsThatAreNotADirectoryBeforeReachingTheDatabase() {
        // Nothing listens on port 1: reading the history first would fail with a connection error instead.
        Lockstep onClassPath = m.lockstep("postgres://tester@127.0.0.1:1/nowhere", b -> b.workDir(root)
                .set(Setting.LOCATIONS, List.of("classpath:db/migration")));
        for (Runnable call : List.<Runnable>of(onClassPath::heads, () -> onClassPath.merge(true))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                assertThat(e.getMessage()).contains("heads and merge work on a migrations directory");
            });
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
