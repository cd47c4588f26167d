package dev.lockstep.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lockstep.Lockstep;
import dev.lockstep.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * {@code classpath:} locations inside a Spring Boot executable jar, laid out as spring-boot-maven-plugin lays
 * it out: migrations in BOOT-INF/classes and in a jar in BOOT-INF/lib, read through Spring Boot's nested-jar
 * URLs ({@code jar:nested:...}) by {@code java -jar}.
 */
class ExecutableJarTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final java.util.Set<String> FOLDERS = new java.util.HashSet<>();

    @TempDir
    Path work;

    @Test
    void migrationsAreReadFromTheJarsClassesAndFromAJarInsideIt() throws Exception {
        Path jar = work.resolve("app.jar");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
        a.putValue("Start-Class", ExecutableJarMain.class.getName());
        a.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        a.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            copyJar(codeSource(JarLauncher.class), out);
            String main = ExecutableJarMain.class.getName().replace('.', '/') + ".class";
            try (InputStream in = ExecutableJarMain.class.getResourceAsStream("/" + main)) {
                stored(out, "BOOT-INF/classes/" + main, in.readAllBytes());
            }
            stored(out, "BOOT-INF/classes/db/migration/V1__create_accounts.sql",
                    "CREATE TABLE accounts (id bigint PRIMARY KEY);\n".getBytes(StandardCharsets.UTF_8));
            stored(out, "BOOT-INF/lib/migrations.jar", jarOf("db/extra/V2__create_projects.sql",
                    "CREATE TABLE projects (id bigint PRIMARY KEY);\n"));
            for (Class<?> c : List.of(Lockstep.class, org.postgresql.Driver.class, ObjectMapper.class, JsonFactory.class,
                    JsonProperty.class, TomlMapper.class, JavaTimeModule.class, org.slf4j.LoggerFactory.class)) {
                Path source = codeSource(c);
                stored(out, "BOOT-INF/lib/" + source.getFileName() + (Files.isDirectory(source) ? ".jar" : ""),
                        Files.isDirectory(source) ? jarOfDirectory(source) : Files.readAllBytes(source));
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), pg.jdbcUrl()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("1 APPLIED /db/migration/V1__create_accounts.sql")
                .contains("2 APPLIED /db/extra/V2__create_projects.sql");
        assertThat(pg.tableExists("accounts") && pg.tableExists("projects")).isTrue();
    }

    private static Path codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The loader's classes at the jar's root, as the plugin puts them. */
    private static void copyJar(Path source, JarOutputStream out) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    stored(out, e.getName(), in.readAllBytes());
                }
            }
        }
    }

    /**
     * Nested jars must be stored, not deflated, for Spring Boot to read them in place; and each folder has its
     * entry, as the plugin writes them (the loader finds BOOT-INF/classes/ and db/migration/ by their entries).
     */
    private static void stored(JarOutputStream out, String name, byte[] bytes) throws IOException {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String folder = name.substring(0, slash + 1);
            if (FOLDERS.add(folder) && !folder.equals("META-INF/")) {
                out.putNextEntry(new ZipEntry(folder));
                out.closeEntry();
            }
        }
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] jarOf(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                out.putNextEntry(new JarEntry(name.substring(0, slash + 1))); // as a Maven-built jar has them
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(name));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** lockstep-core's classes when the build gives a directory (the reactor) instead of its jar. */
    private static byte[] jarOfDirectory(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
