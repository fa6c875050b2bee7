using System.CommandLine;

namespace Fathom.Cli.Common;

/// <summary>How `fathom up` and `fathom server` are reached beyond loopback: the names the admin port answers to and the
/// certificate every port serves HTTPS with (docs/security.md).</summary>
internal sealed class ExposureOptions
{
    public Option<string[]> PublicName { get; } = new("--public-name")
    {
        Description = "A name clients reach the admin port by (repeat for several); any other Host is refused. Loopback names always work; without it, a server bound beyond loopback answers to its bound address only.",
        HelpName = "NAME",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> TlsCert { get; } = new("--tls-cert") { Description = "PEM certificate (its chain may follow) to serve HTTPS with on every port; needs --tls-key.", HelpName = "FILE" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "PEM private key of --tls-cert.", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Options.Add(PublicName);
        command.Options.Add(TlsCert);
        command.Options.Add(TlsKey);
    }

    public (IReadOnlyList<string> PublicNames, string? Cert, string? Key) Parse(ParseResult result) =>
        (result.GetValue(PublicName) ?? [], result.GetValue(TlsCert), result.GetValue(TlsKey));
}
