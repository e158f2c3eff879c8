package io.graphsnap.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for every subcommand, added by {@link GraphsnapCommand#newCommandLine}: the usage
 * message on stdout, exit 0. Every usage error ends with "Try 'graphsnap CMD --help'", so this must work on
 * every command, after any other argument.
 */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;
}
