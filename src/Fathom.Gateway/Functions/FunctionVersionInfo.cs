namespace Fathom.Gateway.Functions;

/// <summary>One version's configuration, shaped after Lambda's <c>FunctionConfiguration</c>.</summary>
public sealed record FunctionVersionInfo
{
    /// <summary><c>$LATEST</c> or a published number.</summary>
    public string Version { get; init; } = "$LATEST";

    /// <summary>e.g. <c>nodejs20.x</c>, <c>provided.al2023</c>.</summary>
    public required string Runtime { get; init; }

    public string? Handler { get; init; }

    public int MemorySizeMb { get; init; } = 128;

    public int TimeoutSeconds { get; init; } = 3;

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Base64 SHA-256 of the code artifact, as Lambda reports it.</summary>
    public string? CodeSha256 { get; init; }

    public long CodeSize { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];

    /// <summary>The reserved concurrency the version was published with (the template's), or null.</summary>
    public int? ReservedConcurrency { get; init; }
}
