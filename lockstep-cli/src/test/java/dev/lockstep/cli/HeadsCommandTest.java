package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HeadsCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        dir = Files.createDirectories(work.resolve("migrations"));
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve("0001_accounts.sql"), "CREATE TABLE accounts (id int);\n");
        git("add", "-A");
        git("commit", "-q", "-m", "one");
        assertThat(cli.run("migrate").exit()).isZero();
        for (String branch : List.of("a", "b")) {
            git("checkout", "-q", "-b", branch, "main");
            Files.writeString(dir.resolve((branch.equals("a") ? "0002" : "0003") + "_from_" + branch + ".sql"),
                    "CREATE TABLE from_" + branch + " (id int);\n");
            git("add", "-A");
            git("commit", "-q", "-m", branch);
        }
        git("checkout", "-q", "main");
        git("merge", "-q", "--no-ff", "-m", "a", "a");
        git("merge", "-q", "--no-ff", "-m", "b", "b");
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void headsAndValidateExit5UntilMergeRecordsTheOrder() {
        Cli.Run heads = cli.run("heads");
        assertThat(heads.exit()).as(heads.toString()).isEqualTo(5);
        assertThat(heads.out()).contains("Migrations:  migrations (with git history)").contains("Applied:     up to 0001")
                .contains("  parallel: 0003_from_b.sql was written after version 0001, but 0002 (0002_from_a.sql, "
                        + "from another branch) now runs before it")
                .contains("then run 'lockstep merge'");

        Cli.Run validate = cli.run("validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(5);
        assertThat(validate.out()).contains("parallel branches: 0003_from_b.sql was written after version 0001")
                .contains("'lockstep merge' resolves.");

        Cli.Run dry = cli.run("merge", "--dry-run");
        assertThat(dry.out()).contains("would record 0003 after 0002 in migrations/lockstep.order")
                .contains("Dry run: nothing was changed.");
        Cli.Run merge = cli.run("merge");
        assertThat(merge.exit()).as(merge.toString()).isZero();
        assertThat(merge.out()).contains("recorded 0003 after 0002 in migrations/lockstep.order");

        assertThat(cli.run("heads").exit()).isZero();
        assertThat(cli.run("validate").exit()).isZero();
        assertThat(cli.run("merge").out()).contains("Nothing to merge");
    }

    @Test
    void aBrokenOrderFileIsAnErrorNamingTheLine() throws Exception {
        Files.writeString(dir.resolve("lockstep.order"), "# orders\n3 before 2\n");
        Cli.Run r = cli.run("heads");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("lockstep.order:2: '3 before 2' is not '<version> after <version>'");
    }
}
