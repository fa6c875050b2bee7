namespace Fathom.Apps.Auth;

internal static class AuthNames
{
    /// <summary>The authorizer name that makes a route open when the API has a default.</summary>
    public const string None = "NONE";

    public const string Iam = "AWS_IAM";
}
