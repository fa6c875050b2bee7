using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fathom.Gateway.Functions;

namespace Fathom.Gateway.Invoke;

/// <summary>Writes Lambda's <c>FunctionConfiguration</c> JSON for one version of a function.</summary>
public static class FunctionConfigurationWriter
{
    public static void Write(Utf8JsonWriter w, string functionName, FunctionVersionInfo version, string? arnQualifier, GatewayOptions options)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", functionName);
        w.WriteString("FunctionArn", LambdaArn.For(options, functionName, arnQualifier));
        w.WriteString("Runtime", version.Runtime);
        w.WriteString("Role", version.Role ?? $"arn:aws:iam::{options.AccountId}:role/fathom-{functionName}");
        if (version.Handler is not null)
        {
            w.WriteString("Handler", version.Handler);
        }

        w.WriteNumber("CodeSize", version.CodeSize);
        w.WriteString("Description", version.Description ?? "");
        w.WriteNumber("Timeout", version.TimeoutSeconds);
        w.WriteNumber("MemorySize", version.MemorySizeMb);
        if (version.LastModified is { } modified)
        {
            w.WriteString("LastModified", modified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", CultureInfo.InvariantCulture));
        }

        if (version.CodeSha256 is not null)
        {
            w.WriteString("CodeSha256", version.CodeSha256);
        }

        w.WriteString("Version", version.Version);
        if (version.Environment.Count > 0)
        {
            w.WriteStartObject("Environment");
            w.WriteStartObject("Variables");
            foreach (var (name, value) in version.Environment)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteStartObject("TracingConfig");
        w.WriteString("Mode", "PassThrough");
        w.WriteEndObject();
        w.WriteString("RevisionId", RevisionId(functionName, version));
        w.WriteString("State", "Active");
        w.WriteString("LastUpdateStatus", "Successful");
        w.WriteString("PackageType", "Zip");
        w.WriteStartArray("Architectures");
        foreach (var architecture in version.Architectures)
        {
            w.WriteStringValue(architecture);
        }

        w.WriteEndArray();
        w.WriteStartObject("EphemeralStorage");
        w.WriteNumber("Size", 512);
        w.WriteEndObject();
        w.WriteStartObject("LoggingConfig");
        w.WriteString("LogFormat", "Text");
        w.WriteString("LogGroup", "/aws/lambda/" + functionName);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The <c>RevisionId</c> written for a version: stable for an unchanged configuration, different when code or
    /// settings change, like Lambda's (PublishVersion's <c>RevisionId</c> precondition compares with it).</summary>
    public static string RevisionId(string functionName, FunctionVersionInfo version)
    {
        var text = string.Join('\n', functionName, version.Version, version.CodeSha256, version.Runtime, version.Handler,
            version.MemorySizeMb, version.TimeoutSeconds, string.Join(',', version.Environment.Select(e => e.Key + "=" + e.Value)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
