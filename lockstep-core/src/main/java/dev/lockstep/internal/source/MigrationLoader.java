package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loads the migrations of a directory in any of the styles of {@link NamingStyle}. Every problem is
 * an error naming the files: duplicate versions, a down script without its up script, two styles in
 * one directory, a directive where it has no effect. A {@code .sql} file whose name is not a migration
 * name (a {@code validation.sql} kept beside them) is not an error: it is listed as ignored, unless
 * the {@code ignore} globs name it.
 */
public final class MigrationLoader {
    private static final String VERIFY_SUFFIX = DirectoryEntries.VERIFY_SUFFIX;
    private static final String PRISMA_UP = DirectoryEntries.PRISMA_UP;

    private final DirectiveParser directives = new DirectiveParser();
    private final Path displayBase;
    private final List<java.nio.file.PathMatcher> ignore;
    private final boolean checksums;

    /** Shows file paths as found (relative when the directory was given relative). */
    public MigrationLoader() {
        this(null);
    }

    /** Shows file paths relative to {@code displayBase} (the working directory) when they are inside it. */
    public MigrationLoader(Path displayBase) {
        this(displayBase, List.of());
    }

    /** @param ignore globs of names (relative to the migrations directory) that are not migrations */
    public MigrationLoader(Path displayBase, List<String> ignore) {
        this(displayBase, ignore, true);
    }

    private MigrationLoader(Path displayBase, List<String> ignore, boolean checksums) {
        this.displayBase = displayBase == null ? null : displayBase.toAbsolutePath().normalize();
        List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
        for (String glob : ignore) {
            matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        this.ignore = List.copyOf(matchers);
        this.checksums = checksums;
    }

    /**
     * A loader for linting only: the same files, names and errors, without the checksums (a migration's
     * {@link ResolvedMigration#checksum()} is null), which only comparing with the history needs.
     */
    public static MigrationLoader forLint(Path displayBase) {
        return forLint(displayBase, List.of());
    }

    /** {@link #forLint(Path)} with the {@code ignore} globs of a migrations directory. */
    public static MigrationLoader forLint(Path displayBase, List<String> ignore) {
        return new MigrationLoader(displayBase, ignore, false);
    }

    private boolean ignored(Path dir, Path entry) {
        if (ignore.isEmpty()) {
            return false;
        }
        Path relative = Path.of(dir.relativize(entry).toString());
        Path name = Path.of(entry.getFileName().toString());
        for (java.nio.file.PathMatcher m : ignore) {
            if (m.matches(relative) || m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a directory entry is a migration by its name: a migration file, or a migration's directory. */
    public static boolean isMigration(Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
            return false;
        }
        if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return FileName.ofDirectory(name).isPresent() && (Files.isRegularFile(entry.resolve("up.sql"))
                    || Files.isRegularFile(entry.resolve(PRISMA_UP)));
        }
        return name.endsWith(".sql") && FileName.ofFile(name).isPresent();
    }

    public MigrationSet load(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "migrations directory " + shown(dir)
                    + " is a file, not a directory", "point --dir (or dir in lockstep.toml) at the directory that holds the migration files"
                    + (dir.getParent() == null || shown(dir.getParent()).isEmpty() ? "" : ", e.g. " + shown(dir.getParent())));
        }
        if (!Files.isDirectory(dir)) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "migrations directory " + shown(dir) + " does not exist",
                    "create it with 'lockstep new <name>', or point --dir at your migrations");
        }
        // Hidden and ignored entries are not read at all: an editor's lock file (.#V2__x.sql, a link to
        // nowhere) or an ignored file in another encoding is skipped, not an error.
        List<Path> entries = new ArrayList<>();
        for (Path entry : list(dir)) {
            if (!entry.getFileName().toString().startsWith(".") && !ignored(dir, entry)) {
                entries.add(entry);
            }
        }
        List<DirectoryEntries.Entry> read = DirectoryEntries.read(entries, shownPath(dir));
        Gathered g = new Gathered();
        for (int i = 0; i < entries.size(); i++) {
            gather(g, entries.get(i), read.get(i));
        }
        Map<NamingStyle, String> styles = g.styles;
        Map<MigrationVersion, Pending> byVersion = g.byVersion;
        Map<String, Script> repeatableScripts = g.repeatableScripts;
        Map<MigrationVersion, Script> verifyScripts = g.verifyScripts;
        if (styles.size() > 1) {
            List<String> examples = new ArrayList<>();
            styles.forEach((style, example) -> examples.add(example + " (" + style.description() + ")"));
            throw new LockstepException(ErrorCode.MIGRATION_FILES,
                    shown(dir) + " mixes naming styles: " + String.join(", ", examples),
                    "rename the files so that the directory uses one style");
        }
        for (Pending p : byVersion.values()) {
            if (p.up == null) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES,
                        "down script " + p.down.path() + " has no up script for version " + p.version,
                        "add the up script, or remove the down script");
            }
        }
        // Directives and checksums are per file: computed on every core (byVersion is already in version order).
        for (MigrationVersion v : verifyScripts.keySet()) {
            if (!byVersion.containsKey(v)) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, "verify script "
                        + verifyScripts.get(v).path() + " has no migration " + v, "name it after its migration, "
                        + "e.g. V3__add_users.verify.sql beside V3__add_users.sql");
            }
        }
        List<ResolvedMigration> versioned = new ParallelMap<Pending, ResolvedMigration>() {
            @Override
            protected ResolvedMigration apply(Pending p) {
                directives.checkPlacement(p.file != null ? p.file : p.up, p.sectionStarts);
                if (p.down != null && p.file == null) {
                    directives.checkPlacement(p.down, List.of());
                }
                Script down = p.down != null ? p.down : CommentedDown.of(p.up);
                return migration(MigrationType.VERSIONED, p.version, p.description, p.up, down, p.transactionOff)
                        .withVerify(verifyScripts.get(p.version)).withDownTransactionOff(p.downTransactionOff);
            }
        }.over(new ArrayList<>(byVersion.values()));
        List<ResolvedMigration> repeatable = new ArrayList<>();
        for (Map.Entry<String, Script> e : repeatableScripts.entrySet()) {
            directives.checkPlacement(e.getValue(), List.of());
            repeatable.add(migration(MigrationType.REPEATABLE, null, e.getKey(), e.getValue(), null, false));
        }
        NamingStyle style = styles.isEmpty() ? null : styles.keySet().iterator().next();
        return new MigrationSet(dir, style, versioned, List.copyOf(repeatable), List.copyOf(g.unreadable),
                List.copyOf(g.goMigrations));
    }

    /** What the entries of a directory hold, gathered in name order. */
    private static final class Gathered {
        final Map<NamingStyle, String> styles = new LinkedHashMap<>();
        final Map<MigrationVersion, Pending> byVersion = new TreeMap<>();
        final Map<String, Script> repeatableScripts = new TreeMap<>();
        final Map<MigrationVersion, Script> verifyScripts = new java.util.HashMap<>();
        final List<String> unreadable = new ArrayList<>();
        final List<String> goMigrations = new ArrayList<>();
    }

    /**
     * One entry of the directory, read (its scripts and what its name says): a method rather than the body of
     * load's loop, so that the JIT compiles it after a few hundred entries instead of interpreting them all.
     */
    private void gather(Gathered g, Path entry, DirectoryEntries.Entry found) {
        String name = entry.getFileName().toString();
        if (found.directory()) {
            // a subdirectory's files were read if they are regular files (DirectoryEntries)
            Path upFile = found.scripts().containsKey(entry.resolve("up.sql")) ? entry.resolve("up.sql")
                    : entry.resolve(PRISMA_UP);
            if (!found.scripts().containsKey(upFile)) {
                if (Files.exists(entry.resolve("down.sql"))) {
                    throw new LockstepException(ErrorCode.MIGRATION_FILES,
                            "down script " + entry.resolve("down.sql") + " has no up.sql beside it",
                            "add up.sql to " + entry + ", or remove the directory");
                }
                return;
            }
            Optional<FileName> parsed = FileName.ofDirectory(name);
            if (parsed.isEmpty()) {
                g.unreadable.add(shown(entry) + "/");
                return;
            }
            g.styles.putIfAbsent(NamingStyle.DIRECTORY, name);
            Pending p = pending(g.byVersion, parsed.get(), entry.toString(), null);
            p.up = found.scripts().get(upFile);
            p.down = found.scripts().get(entry.resolve("down.sql"));
            if (found.scripts().containsKey(entry.resolve("verify.sql"))) {
                g.verifyScripts.put(p.version, found.scripts().get(entry.resolve("verify.sql")));
            }
            return;
        }
        if (name.endsWith(VERIFY_SUFFIX)) {
            Optional<FileName> of = FileName.ofFile(name.substring(0, name.length() - VERIFY_SUFFIX.length()) + ".sql");
            if (of.isEmpty() || of.get().version() == null) {
                g.unreadable.add(shown(entry));
            } else {
                g.verifyScripts.put(MigrationVersion.parse(of.get().version()), found.scripts().get(entry));
            }
            return;
        }
        if (!name.endsWith(".sql")) {
            if (FileName.isGooseGoMigration(name)) {
                g.goMigrations.add(shown(entry));
            }
            return;
        }
        // read on every core with the file (DirectoryEntries); parsed here when it is not a migration's name
        Optional<FileName> parsed = found.fileName() != null ? Optional.of(found.fileName()) : FileName.ofFile(name);
        if (parsed.isEmpty()) {
            g.unreadable.add(shown(entry));
            return;
        }
        FileName fn = parsed.get();
        g.styles.putIfAbsent(fn.style(), name);
        if (fn.role() == FileName.Role.REPEATABLE) {
            g.repeatableScripts.put(fn.readableDescription(), found.scripts().get(entry));
            return;
        }
        Pending p = pending(g.byVersion, fn, entry.toString(), found.version());
        if (fn.role() == FileName.Role.UP) {
            if (p.up != null) {
                throw duplicate(p.version, p.upPath, entry.toString());
            }
            p.upPath = entry.toString();
            p.up = found.scripts().get(entry);
            if (fn.style() == NamingStyle.NUMBERED) {
                p.file = p.up;
                Sections.Split split = found.sections() != null ? found.sections() : Sections.of(p.up);
                p.up = split.up();
                p.down = split.down();
                p.transactionOff = split.transactionOff();
                p.downTransactionOff = split.downTransactionOff();
                p.sectionStarts = split.starts();
            }
        } else {
            p.down = found.scripts().get(entry);
        }
    }

    private ResolvedMigration migration(MigrationType type, MigrationVersion version, String description, Script up,
                                        Script down, boolean transactionOff) {
        Directives d = directives.parse(up);
        if (transactionOff && d.transaction() == null) {
            d = new Directives(Boolean.FALSE, d.lockTimeout(), d.suppressions(), d.batch(), d.empty(), d.phase());
        }
        checkEmpty(version, description, up, d);
        if (version == null && d.phase() != null) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "repeatable migration '" + description + "' ("
                    + up.path() + ") has lockstep:phase " + d.phase().word() + ", but phases order versioned "
                    + "migrations only", "remove the -- lockstep:phase line, or make it a versioned migration");
        }
        return new ResolvedMigration(type, version, description, up, down, checksums ? Checksum.of(up.text()) : null,
                d);
    }

    /**
     * A script without a statement is a migration that does nothing, and almost always one not written
     * yet: it is refused unless {@code -- lockstep:empty <reason>} says it is meant to be empty.
     */
    private static void checkEmpty(MigrationVersion version, String description, Script up, Directives d) {
        boolean hasStatements = Sections.hasStatements(up.text());
        if (hasStatements != (d.empty() == null)) {
            refuseEmpty(version, description, up, d, hasStatements);
        }
    }

    private static void refuseEmpty(MigrationVersion version, String description, Script up, Directives d,
                                    boolean hasStatements) {
        String which = version == null ? "repeatable migration '" + description + "'" : "the up script of " + version;
        if (!hasStatements && d.empty() == null) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, which + " (" + up.path() + ") has no statement",
                    "write its statements; or, if it is meant to do nothing, say why in a leading comment: "
                            + "-- lockstep:empty <reason>");
        }
        if (hasStatements && d.empty() != null) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, which + " (" + up.path()
                    + ") is marked lockstep:empty but has statements", "remove the -- lockstep:empty line");
        }
    }

    /**
     * Up and down files of one version meet here; a second up file for the version is a duplicate.
     *
     * @param parsed the name's version when already parsed, else null
     */
    private static Pending pending(Map<MigrationVersion, Pending> byVersion, FileName fn, String path,
                                   MigrationVersion parsed) {
        MigrationVersion version = parsed != null ? parsed : MigrationVersion.parse(fn.version());
        // One walk down the tree rather than a get and then a put: most versions are new.
        Pending fresh = new Pending(version, fn.readableDescription());
        Pending p = byVersion.putIfAbsent(version, fresh);
        if (p == null) {
            p = fresh;
        }
        if (fn.style() == NamingStyle.DIRECTORY) {
            if (p.upPath != null) {
                throw duplicate(version, p.upPath, path);
            }
            p.upPath = path;
        }
        if (fn.role() == FileName.Role.DOWN && p.down != null) {
            throw duplicate(version, p.down.path(), path);
        }
        return p;
    }

    private static LockstepException duplicate(MigrationVersion version, String first, String second) {
        return new LockstepException(ErrorCode.MIGRATION_FILES,
                "duplicate version " + version + ": " + first + " and " + second,
                "give one of them the next free version ('lockstep merge' renumbers the one not applied yet; "
                        + "versions compare numerically, so 0003 and 3 are the same)");
    }

    private static List<Path> list(Path dir) {
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path entry : entries) {
                out.add(entry);
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot list " + dir + ": " + IoReason.of(e),
                    "check that the directory is readable by this user", e);
        }
    }

    /** A path relative to the display base (the working directory) when it is inside it. */
    private String shown(Path path) {
        return shownPath(path).toString();
    }

    /**
     * {@link #shown}, as a path; the shown path of an entry of a directory is the directory's with the
     * entry's name resolved against it.
     */
    private Path shownPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return displayBase != null && abs.startsWith(displayBase) ? displayBase.relativize(abs) : path;
    }

    /** One file to lint on its own: its up part (the {@code -- migrate:up} section when it has one). */
    public Script readForLint(Path file) {
        return readScriptsForLint(file).get(0);
    }

    /** The up section of a file named on the lint command line, then its down section when it has one. */
    public List<Script> readScriptsForLint(Path file) {
        Sections.Split split = Sections.of(ScriptFile.read(file, shown(file), file.getFileName().toString()));
        return split.down() == null ? List.of(split.up()) : List.of(split.up(), split.down());
    }

    private static final class Pending {
        final MigrationVersion version;
        final String description;
        String upPath;
        Script up;
        Script down;
        boolean transactionOff;
        boolean downTransactionOff;
        /** The whole file, for a file of -- migrate:up / -- migrate:down sections; else null. */
        Script file;
        List<Integer> sectionStarts = List.of();

        Pending(MigrationVersion version, String description) {
            this.version = version;
            this.description = description;
        }
    }
}
