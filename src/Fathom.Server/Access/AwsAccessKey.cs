namespace Fathom.Server.Access;

/// <summary>An access key issued by <c>fathom token create --aws</c>, as SigV4 verification needs it: the secret in
/// clear (verifying a signature needs it; it is stored encrypted), and who it speaks for.</summary>
public sealed record AwsAccessKey(
    string AccessKeyId,
    string SecretAccessKey,
    string Name,
    AccessRole Role,
    string? App,
    string? Environment,
    DateTimeOffset? Expires);

/// <summary>Finds a live access key by its id: null when unknown, revoked or expired.</summary>
public interface IAwsAccessKeys
{
    AwsAccessKey? Find(string accessKeyId);
}
