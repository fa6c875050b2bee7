using System.Text.Json;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Invoke;
using Fathom.Runtime.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Get/Put/DeleteFunctionConcurrency. A value set here is kept in <c>deployments.db</c>, overrides the template's
/// <c>ReservedConcurrentExecutions</c> on every version (loaded now or later, and after a restart) and is enforced by
/// the runtime's throttle exactly as the template's is; deleting it returns the function to the template's value, or
/// to no reservation.</summary>
internal static class ConcurrencyEndpoints
{
    /// <summary>The largest reservation accepted; Lambda's default account limit.</summary>
    private const int MaxReserved = 1000;

    public static async Task GetAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function)
        {
            return;
        }

        var reserved = await call.Store.GetReservedConcurrencyAsync(function.Name, context.RequestAborted)
            ?? TemplateValue(call, function);
        await call.WriteJsonAsync(200, w =>
        {
            w.WriteStartObject();
            if (reserved is { } value)
            {
                w.WriteNumber("ReservedConcurrentExecutions", value);
            }

            w.WriteEndObject();
        });
    }

    public static async Task PutAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await call.BodyAsync() is not { } body)
        {
            return;
        }

        if (!body.TryGetProperty("ReservedConcurrentExecutions", out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt32(out var reserved) || reserved is < 0 or > MaxReserved)
        {
            await LambdaErrors.InvalidParameterAsync(context,
                $"ReservedConcurrentExecutions must be a whole number from 0 (stops every call) to {MaxReserved}.");
            return;
        }

        await call.Store.SetReservedConcurrencyAsync(function.Name, reserved, context.RequestAborted);
        context.RequestServices.GetService<IReservedConcurrency>()?.SetReservedConcurrency(call.Store.App, call.Store.Environment, function.Name, reserved);
        await call.AuditAsync("concurrency.put", function.Name, "ok", $"reserved {reserved}");
        await call.WriteJsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("ReservedConcurrentExecutions", reserved);
            w.WriteEndObject();
        });
    }

    public static async Task DeleteAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function)
        {
            return;
        }

        await call.Store.SetReservedConcurrencyAsync(function.Name, null, context.RequestAborted);
        context.RequestServices.GetService<IReservedConcurrency>()?.SetReservedConcurrency(call.Store.App, call.Store.Environment, function.Name, null);
        var template = TemplateValue(call, function);
        await call.AuditAsync("concurrency.delete", function.Name, "ok", template is { } t ? $"back to the template's {t}" : "no reservation");
        call.NoContent();
    }

    private static int? TemplateValue(LambdaCall call, FunctionDeployment function) =>
        call.Describer.Describe(function.Latest!, Qualifiers.Latest).ReservedConcurrency;
}
