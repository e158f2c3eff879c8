package io.graphsnap.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code graphsnap completion bash|zsh}: prints picocli's generated completion script for every command and
 * option. The one script serves both shells (under zsh it loads {@code bashcompinit} itself).
 */
@Command(name = "completion", description = {
    "Print a shell completion script: bash or zsh.",
    "Load it now with: source <(graphsnap completion bash)",
    "or install it: graphsnap completion bash > ~/.local/share/bash-completion/completions/graphsnap"})
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Spec CommandLine.Model.CommandSpec spec;

  /** The shells a script is generated for. */
  enum Shell { bash, zsh }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    root.out().print(AutoComplete.bash("graphsnap", spec.root().commandLine()));
    root.out().flush();
    return ExitCodes.OK;
  }
}
