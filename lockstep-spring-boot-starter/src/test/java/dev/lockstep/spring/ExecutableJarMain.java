package dev.lockstep.spring;

import dev.lockstep.Lockstep;

/** Runs inside the executable jar ExecutableJarTest builds: migrates from two class path locations. */
public final class ExecutableJarMain {
    private ExecutableJarMain() {
    }

    public static void main(String[] args) {
        Lockstep lockstep = Lockstep.configure().url(args[0]).locations("classpath:db/migration", "classpath:db/extra")
                .build();
        lockstep.migrate();
        lockstep.status().migrations().forEach(m -> System.out.println(m.version() + " " + m.state() + " " + m.script()));
    }
}
