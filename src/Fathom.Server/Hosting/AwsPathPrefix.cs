using System.Text.Json;
using Fathom.Deployments.Environments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Hosting;

/// <summary>The AWS-shaped APIs on a server with several apps are addressed under <c>/aws/{app}/{env}/…</c> (an
/// <c>--endpoint-url http://127.0.0.1:9400/aws/myapp/prod</c>): the prefix is removed before routing and the two names
/// go to <see cref="HttpContext.Items"/> for <see cref="EnvironmentSelection"/>. Without the prefix a request addresses
/// the only environment (<c>fathom up</c> always has one).</summary>
internal static class AwsPathPrefix
{
    public const string Segment = "/aws";

    /// <summary>Why the request cannot be served (unknown or ambiguous environment), kept until access control has let the
    /// caller in: a caller without a token learns nothing about which apps exist.</summary>
    private const string PendingKey = "fathom.aws.notfound";

    /// <summary>Moves the prefix into <c>PathBase</c> and names the environment; a problem is only noted
    /// (<see cref="RefusePendingAsync"/> answers it after authorization).</summary>
    public static void Apply(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(Segment, StringComparison.Ordinal, out var rest))
        {
            // Lambda's date-prefixed paths without /aws/{app}/{env}: fine with one environment, ambiguous with several.
            if (path.Value is ['/', '2', '0', ..] && context.RequestServices.GetService<IDeploymentDirectory>() is { } only
                && EnvironmentSelection.Select(context, only, out var problem) is null)
            {
                context.Items[PendingKey] = $"{problem}; address the AWS APIs as /aws/{{app}}/{{env}}/... (--endpoint-url http://{context.Request.Host}/aws/APP/ENV)";
            }

            return;
        }

        var parts = (rest.Value ?? "").Split('/', 4);
        // parts[0] is the empty string before the leading slash.
        if (parts.Length < 3 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            context.Items[PendingKey] = "address the AWS APIs as /aws/{app}/{env}/... (e.g. --endpoint-url http://127.0.0.1:9400/aws/myapp/prod)";
            return;
        }

        var (app, environment) = (Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]));
        if (context.RequestServices.GetService<IDeploymentDirectory>() is { } directory && directory.Find(app, environment) is null)
        {
            context.Items[PendingKey] = $"no environment '{environment}' of app '{app}' on this server";
        }

        context.Items[EnvironmentSelection.AppKey] = app;
        context.Items[EnvironmentSelection.EnvironmentKey] = environment;
        context.Request.PathBase = context.Request.PathBase.Add(new PathString($"{Segment}/{parts[1]}/{parts[2]}"));
        context.Request.Path = parts.Length == 4 ? new PathString("/" + parts[3]) : PathString.Empty;
    }

    /// <summary>Answers the problem <see cref="Apply"/> noted, if any; true when it did.</summary>
    public static async Task<bool> RefusePendingAsync(HttpContext context)
    {
        if (context.Items[PendingKey] is not string problem)
        {
            return false;
        }

        await NotFoundAsync(context, problem);
        return true;
    }

    /// <summary>A Lambda-shaped 404, as the aws CLI prints it: "An error occurred (ResourceNotFoundException) ...".</summary>
    private static async Task NotFoundAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.Headers["x-amzn-ErrorType"] = "ResourceNotFoundException";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Type"] = "User",
            ["Message"] = message,
        }));
    }
}
