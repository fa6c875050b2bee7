namespace Fathom.Cli.Common;

/// <summary>ANSI colour, only when writing to a terminal and NO_COLOR is unset.</summary>
internal sealed class ConsoleStyle(bool enabled)
{
    public static ConsoleStyle ForOut { get; } = new(!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    public static ConsoleStyle ForError { get; } = new(!Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    public string Bold(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    public string Red(string text) => Wrap("31", text);

    public string Green(string text) => Wrap("32", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Cyan(string text) => Wrap("36", text);

    private string Wrap(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
