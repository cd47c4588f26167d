package dev.lockstep.cli.commands;

import dev.lockstep.cli.CommandModel;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for bash or zsh: commands, options and their values.",
        footer = {"", "Install:", "  bash: lockstep completion bash > ~/.local/share/bash-completion/completions/lockstep",
                "  zsh:  lockstep completion zsh > ~/.lockstep-completion.zsh",
                "        and add 'source ~/.lockstep-completion.zsh' to ~/.zshrc"})
public final class CompletionCommand extends Subcommand {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        // One script serves both shells: in zsh it loads bashcompinit and registers the same function.
        String script = AutoComplete.bash("lockstep", CommandModel.full(root().context()));
        root().context().out().print(script);
        return 0;
    }
}
