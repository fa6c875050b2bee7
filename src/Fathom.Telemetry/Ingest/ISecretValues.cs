namespace Fathom.Telemetry.Ingest;

/// <summary>The values the redaction step removes wherever they appear. Empty until the app has secrets (their own
/// issue); the secrets feature replaces <see cref="NoSecretValues"/>.</summary>
public interface ISecretValues
{
    IReadOnlyList<string> Current { get; }
}

/// <summary>No secret values yet: redaction by field name only.</summary>
public sealed class NoSecretValues : ISecretValues
{
    public IReadOnlyList<string> Current => [];
}
