using Fathom.Deployments.Versions;
using Microsoft.AspNetCore.Http;

namespace Fathom.Deployments.Environments;

/// <summary>Which app environment an admin request addresses. The AWS-shaped APIs under <c>/aws/{app}/{env}/…</c> have
/// the prefix removed by the host, which puts the two names in <see cref="HttpContext.Items"/> under
/// <see cref="AppKey"/> and <see cref="EnvironmentKey"/>; the JSON API takes <c>?app=&amp;env=</c>. Either may be left
/// out while the host holds only one candidate (<c>fathom up</c> always does).</summary>
public static class EnvironmentSelection
{
    public const string AppKey = "fathom.app";
    public const string EnvironmentKey = "fathom.env";

    /// <summary>The addressed environment, or null with <paramref name="problem"/> saying why (unknown, or ambiguous
    /// because the server holds several and the request named none).</summary>
    public static DeploymentStore? Select(HttpContext context, IDeploymentDirectory directory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directory);
        var app = context.Items[AppKey] as string ?? NonEmpty(context.Request.Query["app"]);
        var environment = context.Items[EnvironmentKey] as string ?? NonEmpty(context.Request.Query["env"]);
        var candidates = directory.Environments
            .Where(s => (app is null || s.App == app) && (environment is null || s.Environment == environment))
            .ToList();
        problem = candidates.Count switch
        {
            1 => null,
            0 when app is null && environment is null => "nothing is deployed on this server yet",
            0 => $"no environment '{environment ?? "*"}' of app '{app ?? "*"}' on this server",
            _ => $"this server holds {candidates.Count} environments{(app is null ? "" : $" of app '{app}'")}; name one with --app and --env",
        };
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>Who asked for a change, for the release history and the audit table: the name of the credential the
    /// request was authenticated with (a token's name; under <c>fathom up</c>, <c>local</c> with the CLI's OS user as
    /// on-behalf-of text). Never a header the client chose alone.</summary>
    public static string Actor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
        return actor is null ? "api" : actor.Length > 100 ? actor[..100] : actor;
    }

    /// <summary>The address the request came from, for the audit table.</summary>
    public static string? Source(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
