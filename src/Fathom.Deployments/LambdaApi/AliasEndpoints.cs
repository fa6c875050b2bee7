using Fathom.Deployments.Versions;
using Fathom.Gateway.Invoke;
using Microsoft.AspNetCore.Http;

namespace Fathom.Deployments.LambdaApi;

/// <summary>CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias over the environment's version and alias table.
/// A change moves the alias the gateway and the Invoke API resolve through, so it is live from the next call.</summary>
internal static class AliasEndpoints
{
    public static async Task CreateAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await call.BodyAsync() is not { } body)
        {
            return;
        }

        if (AliasChange.Read(body, out var error) is not { } change)
        {
            await LambdaErrors.InvalidParameterAsync(context, error!);
            return;
        }

        if (change.Name is null || change.Version is null)
        {
            await LambdaErrors.InvalidParameterAsync(context, "CreateAlias needs Name and FunctionVersion.");
            return;
        }

        var target = $"{function.Name}:{change.Name}";
        if (function.Aliases.ContainsKey(change.Name))
        {
            await call.AuditAsync("alias.create", target, "refused", "the alias exists");
            await LambdaErrors.ConflictAsync(context, $"Alias already exists: {call.Arn(function.Name, change.Name)}");
            return;
        }

        if (!await ValidTargetAsync(call, function, change.Version.Value, change.Routing))
        {
            return;
        }

        if (await SetAsync(call, function.Name, change.Name, change.Version.Value, change.Routing, "alias.create") is not { } alias)
        {
            return;
        }

        await call.Store.SetAliasDescriptionAsync(function.Name, change.Name, change.Description, context.RequestAborted);
        await call.AuditAsync("alias.create", target, "ok", Describe(alias));
        await call.WriteJsonAsync(201, w => AliasConfigurationWriter.Write(w, call, alias, change.Description));
    }

    public static async Task GetAsync(HttpContext context, string functionName, string name)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function)
        {
            return;
        }

        if (!function.Aliases.TryGetValue(name, out var alias))
        {
            await AliasNotFoundAsync(call, function.Name, name);
            return;
        }

        var descriptions = await call.Store.AliasDescriptionsAsync(function.Name, context.RequestAborted);
        await call.WriteJsonAsync(200, w => AliasConfigurationWriter.Write(w, call, alias, descriptions.GetValueOrDefault(name)));
    }

    public static async Task ListAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await Paging.ReadAsync(context, cap: 10_000) is not { } page)
        {
            return;
        }

        var versionFilter = context.Request.Query["FunctionVersion"].ToString();
        var aliases = function.Aliases.Values
            .Where(a => versionFilter.Length == 0 || a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == versionFilter)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var descriptions = await call.Store.AliasDescriptionsAsync(function.Name, context.RequestAborted);
        await call.WriteJsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Aliases");
            foreach (var alias in aliases.Skip(page.Offset).Take(page.Count))
            {
                AliasConfigurationWriter.Write(w, call, alias, descriptions.GetValueOrDefault(alias.Name));
            }

            w.WriteEndArray();
            if (page.NextMarker(aliases.Count) is { } next)
            {
                w.WriteString("NextMarker", next);
            }

            w.WriteEndObject();
        });
    }

    public static async Task UpdateAsync(HttpContext context, string functionName, string name)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await call.BodyAsync() is not { } body)
        {
            return;
        }

        if (AliasChange.Read(body, out var error) is not { } change)
        {
            await LambdaErrors.InvalidParameterAsync(context, error!);
            return;
        }

        var target = $"{function.Name}:{name}";
        if (!function.Aliases.TryGetValue(name, out var current))
        {
            await AliasNotFoundAsync(call, function.Name, name);
            return;
        }

        var descriptions = await call.Store.AliasDescriptionsAsync(function.Name, context.RequestAborted);
        var currentDescription = descriptions.GetValueOrDefault(name);
        if (change.RevisionId is { } revision && revision != AliasConfigurationWriter.RevisionId(current, currentDescription))
        {
            await call.AuditAsync("alias.update", target, "refused", "RevisionId does not match");
            await LambdaErrors.PreconditionFailedAsync(context,
                "The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve the latest Revision Id");
            return;
        }

        var version = change.Version ?? current.Version;
        var routing = change.RoutingGiven ? change.Routing : current.Routing;
        if (!await ValidTargetAsync(call, function, version, routing))
        {
            return;
        }

        if (await SetAsync(call, function.Name, name, version, routing, "alias.update") is not { } alias)
        {
            return;
        }

        var description = change.Description ?? currentDescription;
        if (change.Description is not null)
        {
            await call.Store.SetAliasDescriptionAsync(function.Name, name, change.Description, context.RequestAborted);
        }

        await call.AuditAsync("alias.update", target, "ok", Describe(alias));
        await call.WriteJsonAsync(200, w => AliasConfigurationWriter.Write(w, call, alias, description));
    }

    public static async Task DeleteAsync(HttpContext context, string functionName, string name)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function)
        {
            return;
        }

        // Lambda answers 204 for an alias that is already gone; the audit row says which it was.
        var deleted = await call.Store.DeleteAliasAsync(function.Name, name, context.RequestAborted);
        await call.AuditAsync("alias.delete", $"{function.Name}:{name}", deleted ? "ok" : "absent");
        call.NoContent();
    }

    private static async Task<bool> ValidTargetAsync(LambdaCall call, FunctionDeployment function, int version, AliasRouting? routing)
    {
        if (routing is not null && routing.AdditionalVersion == version)
        {
            await LambdaErrors.InvalidParameterAsync(call.Context, $"The additional version must differ from the alias's version ({version}).");
            return false;
        }

        foreach (var number in routing is null ? [version] : new[] { version, routing.AdditionalVersion })
        {
            if (function.Version(number) is null)
            {
                await LambdaErrors.NotFoundAsync(call.Context, call.Arn(function.Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return false;
            }
        }

        return true;
    }

    // The store checks again inside its transaction: a version or function gone since the checks above is a 400, not a 500.
    private static async Task<FunctionAlias?> SetAsync(LambdaCall call, string function, string name, int version, AliasRouting? routing, string action)
    {
        try
        {
            return await call.Store.SetAliasAsync(function, name, version, routing, ReleaseReasons.Manual, Environments.EnvironmentSelection.Actor(call.Context), call.Context.RequestAborted);
        }
        catch (DeploymentException e)
        {
            await call.AuditAsync(action, $"{function}:{name}", "refused", e.Message);
            await LambdaErrors.InvalidParameterAsync(call.Context, e.Message);
            return null;
        }
    }

    private static Task AliasNotFoundAsync(LambdaCall call, string function, string name) =>
        LambdaErrors.ResourceNotFoundAsync(call.Context, $"Cannot find alias arn: {call.Arn(function, name)}");

    private static string Describe(FunctionAlias alias) =>
        alias.Routing is { } routing
            ? $"version {alias.Version}, {routing.Weight:0.###} to version {routing.AdditionalVersion}"
            : $"version {alias.Version}";
}
