package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch's charts in the HTML report, rendered by headless Chromium through
 * scripts/check-report-html.sh: the screenshot must show the series' line and the migration's band.
 */
class ReportChartsTest {
    private static final int SERIES_BLUE = 0x1f6fd0;
    private static final int MIGRATION_YELLOW = 0xffd966;

    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;

    @Test
    void theWatchChartsRenderInHeadlessChromiumWithTheMigrationMarked() throws Exception {
        pg.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        MigrationsDir m = new MigrationsDir(root).allowingNonEmpty();
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "email text);");
        m.lockstep(pg.url()).migrate();
        m.write("V2__email_index.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);");
        DeployResult r;
        // every fourth insert divides by zero: a steady rate of rollbacks to chart
        try (Workload app = new Workload(pg, "INSERT INTO accounts (email) SELECT 'user' || (1 / ?::int)",
                (ps, i) -> {
                    ps.setInt(1, i % 4 == 0 ? 0 : 1);
                    ps.execute();
                })) {
            r = m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.BACKUP_DIR, root.resolve("backups"))
                    .set(Setting.VERIFY_DIR, root.resolve("verify"))
                    .set(Setting.WATCH_WINDOW, Duration.ofMillis(1500))
                    .set(Setting.WATCH_INTERVAL, Duration.ofMillis(200))
                    .set(Setting.WATCH_BASELINE, Duration.ofMillis(800))
                    .set(Setting.WATCH_MIN_CALLS, 5)
                    .set(Setting.WATCH_MAX_ROLLBACK_RATE, 1000.0)).deploy(DeployOptions.DEFAULT);
        }
        assertThat(r.outcome()).isEqualTo("success");
        Path html = root.resolve("reports").resolve(r.runId() + ".html");
        String page = Files.readString(html);
        assertThat(r.watch().series()).extracting(WatchReport.Series::name).contains("rollbacks/s")
                .anyMatch(n -> n.startsWith("mean ms: INSERT INTO accounts"));
        assertThat(count(page, "<svg class=\"chart\"")).isEqualTo(r.watch().series().size());
        assertThat(count(page, "class=\"migration\"")).isEqualTo(r.watch().series().size());
        assertThat(page).contains("class=\"threshold\"").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://");

        // Run by CI, which installs Chromium (.ci/run); a plain build leaves this class out (lockstep-core/pom.xml).
        Process p = new ProcessBuilder("bash", Path.of("../scripts/check-report-html.sh").toAbsolutePath().normalize()
                .toString(), html.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        BufferedImage shot = ImageIO.read(html.resolveSibling(r.runId() + ".png").toFile());
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(pixels(shot, SERIES_BLUE)).as("pixels of the series' lines").isGreaterThan(100);
        assertThat(pixels(shot, MIGRATION_YELLOW)).as("pixels of the migration's bands").isGreaterThan(100);
    }

    private static int count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /** Pixels within a small distance of the colour (lines are anti-aliased at their edges). */
    private static int pixels(BufferedImage image, int rgb) throws IOException {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                int dr = ((c >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((c >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (c & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 24 * 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
