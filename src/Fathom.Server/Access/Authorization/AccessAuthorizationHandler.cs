using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Authorization;

/// <summary>Judges every admin request the same way, whichever scheme signed the caller in: role first, then scope.
/// A refusal says why in words, for the 403's detail.</summary>
internal sealed class AccessAuthorizationHandler : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        var role = Authentication.AccessPrincipal.Role(context.User);
        if (role is null)
        {
            return Task.CompletedTask;
        }

        if (role < requirement.Role)
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"'{context.User.Identity?.Name}' has the {AccessRoles.Name(role.Value)} role; this needs {AccessRoles.Name(requirement.Role)}"));
            return Task.CompletedTask;
        }

        if (ScopeProblem(context) is { } problem)
        {
            context.Fail(new AuthorizationFailureReason(this, problem));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static string? ScopeProblem(AuthorizationHandlerContext context)
    {
        var app = context.User.FindFirst(AccessClaims.App)?.Value;
        var environment = context.User.FindFirst(AccessClaims.Environment)?.Value;
        if ((app is null && environment is null) || context.Resource is not HttpContext http
            || http.GetEndpoint()?.Metadata.GetMetadata<ServesEveryApp>() is not null)
        {
            return null;
        }

        var limit = app is null ? $"environment '{environment}'" : environment is null ? $"app '{app}'" : $"app '{app}' environment '{environment}'";
        var addressed = AddressedScope.Of(http);
        if (addressed.Ambiguous)
        {
            return $"'{context.User.Identity?.Name}' is limited to {limit}, and this request names more than one";
        }

        if ((app is not null && addressed.App != app) || (environment is not null && addressed.Environment != environment))
        {
            return addressed.App is null && addressed.Environment is null
                ? $"'{context.User.Identity?.Name}' is limited to {limit}: name it (--app/--env, ?app=&env=, or /aws/{{app}}/{{env}})"
                : $"'{context.User.Identity?.Name}' is limited to {limit}";
        }

        return null;
    }
}
