using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fathom.Apps.Resources;

namespace Fathom.Server.Environments;

/// <summary>The configuration published with a version: what the runtime runs and what the Invoke API shows.
/// Its hash decides, with the artifact hash, whether a build publishes a new version.</summary>
internal sealed record PublishedConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required string Runtime { get; init; }

    public required string Handler { get; init; }

    public int MemorySizeMb { get; init; }

    public int TimeoutSeconds { get; init; }

    public SortedDictionary<string, string> Environment { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];

    public string? LogFormat { get; init; }

    public string? ApplicationLogLevel { get; init; }

    public int? ReservedConcurrency { get; init; }

    /// <summary>ProvisionedConcurrencyConfig; left out of the JSON when unset, so configs published before it keep their hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ProvisionedConcurrency { get; init; }

    public string? Description { get; init; }

    public string? Role { get; init; }

    /// <summary>Base64 SHA-256 of the artifact, as Lambda's <c>CodeSha256</c>.</summary>
    public string CodeSha256 { get; init; } = "";

    public long CodeSize { get; init; }

    public static PublishedConfig From(FunctionModel function, IReadOnlyDictionary<string, string> environment, string artifactHash, long codeSize) => new()
    {
        Runtime = function.Runtime ?? "",
        Handler = function.Handler ?? "",
        MemorySizeMb = function.MemorySize,
        TimeoutSeconds = (int)Math.Ceiling(function.Timeout.TotalSeconds),
        Environment = new SortedDictionary<string, string>(environment.ToDictionary(), StringComparer.Ordinal),
        Architectures = function.Architectures,
        LogFormat = function.Logging.LogFormat,
        ApplicationLogLevel = function.Logging.ApplicationLogLevel,
        ReservedConcurrency = function.ReservedConcurrentExecutions,
        ProvisionedConcurrency = function.ProvisionedConcurrency is > 0 ? function.ProvisionedConcurrency : null,
        Description = function.Description,
        Role = function.Role,
        CodeSha256 = Convert.ToBase64String(Convert.FromHexString(artifactHash)),
        CodeSize = codeSize,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PublishedConfig? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PublishedConfig>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Hash of everything but the code fields, which the artifact hash already covers.</summary>
    public string Hash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { CodeSha256 = "", CodeSize = 0 }, Json))));
}
