package dev.lockstep.cli.commands;

import dev.lockstep.cli.Console;
import dev.lockstep.spi.RunListener;

/** Shows notices (the embedded server in use, lock waits) for commands that have no progress to show. */
final class NoticePrinter implements RunListener {
    private final Console console;

    NoticePrinter(Console console) {
        this.console = console;
    }

    @Override
    public void notice(String message) {
        console.notice(message);
    }
}
