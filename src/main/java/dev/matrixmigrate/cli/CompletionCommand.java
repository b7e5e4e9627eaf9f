package dev.matrixmigrate.cli;

import dev.matrixmigrate.failure.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the shell completion script of matrix-migrate: every command and option, and file names"
                + " where an option takes a file.",
                "bash: source it from ~/.bashrc, or save it as /etc/bash_completion.d/matrix-migrate. zsh: the same"
                + " script, through zsh's bashcompinit (it loads that itself)."},
        footerHeading = "%nExamples:%n",
        footer = {"  matrix-migrate completion bash > ~/.local/share/bash-completion/completions/matrix-migrate",
                "  echo 'source <(matrix-migrate completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements java.util.concurrent.Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
