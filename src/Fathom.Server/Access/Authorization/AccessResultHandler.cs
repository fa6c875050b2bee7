using Fathom.Server.Access.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Authorization;

/// <summary>Writes the 403 with the reason authorization gave (problem+json); a 401 goes to the scheme's own challenge.</summary>
internal sealed class AccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            return AccessProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed",
                reasons.Count > 0 ? string.Join("; ", reasons) : $"'{context.User.Identity?.Name}' may not do this");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
