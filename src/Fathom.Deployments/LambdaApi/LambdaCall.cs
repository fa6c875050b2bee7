using System.Buffers;
using System.Text.Json;
using Fathom.Deployments.Environments;
using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Gateway;
using Fathom.Gateway.Invoke;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fathom.Deployments.LambdaApi;

/// <summary>One management call: the environment it addresses, the function it names, its JSON body, its answer and
/// its audit row. Every check that fails has already written Lambda's error when a method returns null or false.</summary>
internal sealed class LambdaCall
{
    private const int MaxBodyBytes = 64 * 1024;

    private LambdaCall(HttpContext context, DeploymentStore store, GatewayOptions options)
    {
        Context = context;
        Store = store;
        Options = options;
    }

    public HttpContext Context { get; }

    public DeploymentStore Store { get; }

    public GatewayOptions Options { get; }

    public IFunctionVersionDescriber Describer => Context.RequestServices.GetService<IFunctionVersionDescriber>() ?? VersionRowDescriber.Instance;

    /// <summary>Starts a call: picks the addressed environment (<c>/aws/{app}/{env}</c> or the only one).</summary>
    public static async Task<LambdaCall?> StartAsync(HttpContext context)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var services = context.RequestServices;
        var directory = services.GetService<IDeploymentDirectory>();
        string? problem = "this host serves no app environment";
        var store = directory is null ? null : EnvironmentSelection.Select(context, directory, out problem);
        if (store is null)
        {
            await LambdaErrors.ResourceNotFoundAsync(context, "Cannot tell which app environment this call is for: " + problem);
            return null;
        }

        return new LambdaCall(context, store, services.GetRequiredService<IOptions<GatewayOptions>>().Value);
    }

    /// <summary>The function a path names (a name or ARN without a qualifier) with its deployment, or null after a 400/404.</summary>
    public async Task<FunctionDeployment?> FunctionAsync(string raw)
    {
        if (FunctionNameParser.Parse(raw, null, out var error) is not { } target)
        {
            await LambdaErrors.InvalidParameterAsync(Context, error!);
            return null;
        }

        if (target.Qualifier is not null)
        {
            await LambdaErrors.InvalidParameterAsync(Context, $"This operation takes an unqualified function name, not '{raw}'.");
            return null;
        }

        if (!Store.State.Functions.TryGetValue(target.FunctionName, out var function) || function.Latest is null)
        {
            await LambdaErrors.NotFoundAsync(Context, Arn(target.FunctionName));
            return null;
        }

        return function;
    }

    public string Arn(string function, string? qualifier = null) => LambdaArn.For(Options, function, qualifier);

    /// <summary>The request's JSON object, or null after a 400 (not JSON, not an object, too large).</summary>
    public async Task<JsonElement?> BodyAsync()
    {
        var request = Context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await LambdaErrors.TooLargeAsync(Context, $"Request must be smaller than {MaxBodyBytes} bytes for this operation");
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, Context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                await LambdaErrors.InvalidContentAsync(Context, "Could not parse request body into json: the body is not a JSON object");
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            await LambdaErrors.InvalidContentAsync(Context, "Could not parse request body into json: " + e.Message);
            return null;
        }
    }

    /// <summary>Records a change (or a refused one) in the environment's audit table.</summary>
    public Task AuditAsync(string action, string target, string result, string? detail = null) =>
        Store.AppendAuditAsync(new AuditEntry(EnvironmentSelection.Actor(Context), action, target, result, detail, EnvironmentSelection.Source(Context)), CancellationToken.None);

    public async Task WriteJsonAsync(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        var response = Context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, Context.RequestAborted);
    }

    public void NoContent()
    {
        Context.Response.StatusCode = 204;
        Context.Response.ContentLength = 0;
    }
}
