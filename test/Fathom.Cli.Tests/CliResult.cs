namespace Fathom.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
