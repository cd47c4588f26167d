package dev.lockstep.cli;

import dev.lockstep.Setting;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The command-line options of the settings, made from the {@link Setting} registry: an option of every
 * command is added to the top command and to each subcommand (so it may come before or after the
 * subcommand's name); the others to the commands the registry names. Values land in the run's
 * {@link Globals} as text, read like any other source of settings.
 */
final class SettingOptions {
    private SettingOptions() {
    }

    /** Adds the options to the top command and, for those of every command, to each (sub)command. */
    static void addTo(CommandLine root, Globals globals) {
        for (Setting<?> s : Setting.all()) {
            if (s.option().isEmpty()) {
                continue;
            }
            if (s.commands().isEmpty()) {
                for (CommandLine cl : allCommands(root)) {
                    cl.getCommandSpec().addOption(option(s, globals));
                }
            } else {
                for (String name : s.commands()) {
                    CommandLine sub = root.getSubcommands().get(name);
                    if (sub != null) {
                        sub.getCommandSpec().addOption(option(s, globals));
                    }
                }
            }
        }
    }

    /** The options that take a value, so that a value is not taken for the subcommand's name. */
    static List<String> valueOptions() {
        List<String> out = new ArrayList<>();
        for (Setting<?> s : Setting.all()) {
            if (s.option().isPresent() && s.paramLabel() != null && s.commands().isEmpty()) {
                out.add(s.option().get());
            }
        }
        return out;
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            out.addAll(allCommands(sub));
        }
        return out;
    }

    private static OptionSpec option(Setting<?> s, Globals globals) {
        boolean flag = s.paramLabel() == null;
        String description = s.description() + (s.defaultText().isEmpty() || flag ? ""
                : " (default " + s.defaultText() + ")");
        ISetter setter = new ISetter() {
            @Override
            public <T> T set(T value) {
                // picocli sets every option's initial value (null, false) before parsing, on the top command
                // and again on the subcommand: only a value given on the command line counts.
                if (value != null && !Boolean.FALSE.equals(value)) {
                    globals.settings.put(s, String.valueOf(value));
                }
                return null;
            }
        };
        OptionSpec.Builder b = OptionSpec.builder(s.option().get()).description(description).setter(setter);
        if (flag) {
            b.arity("0").type(boolean.class);
        } else {
            b.paramLabel(s.paramLabel()).type(String.class);
        }
        return b.build();
    }
}
