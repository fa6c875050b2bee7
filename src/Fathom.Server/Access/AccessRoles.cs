namespace Fathom.Server.Access;

/// <summary>Role names as users type them and claims carry them: <c>read</c>, <c>invoke</c>, <c>deploy</c>, <c>admin</c>.</summary>
public static class AccessRoles
{
    public static string Name(AccessRole role) => role switch
    {
        AccessRole.Read => "read",
        AccessRole.Invoke => "invoke",
        AccessRole.Deploy => "deploy",
        AccessRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static AccessRole? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "read" => AccessRole.Read,
        "invoke" => AccessRole.Invoke,
        "deploy" => AccessRole.Deploy,
        "admin" => AccessRole.Admin,
        _ => null,
    };

    /// <summary>The role a policy (<see cref="Fathom.Platform.Access.AccessPolicies"/>) asks for.</summary>
    public static AccessRole ForPolicy(string policy) => policy switch
    {
        Fathom.Platform.Access.AccessPolicies.Read => AccessRole.Read,
        Fathom.Platform.Access.AccessPolicies.Invoke => AccessRole.Invoke,
        Fathom.Platform.Access.AccessPolicies.Deploy => AccessRole.Deploy,
        Fathom.Platform.Access.AccessPolicies.Admin => AccessRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a Fathom access policy"),
    };
}
