using System.Globalization;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Config;

/// <summary>Reads the <c>logs:</c> section. Every entry of <c>forward</c> is a one-key mapping naming its kind
/// (<c>otlp</c> or <c>syslog</c>); every value is checked here so a bad destination fails the load, not the first send.</summary>
internal static class LogsConfigReader
{
    private static readonly string[] Kinds = ["otlp", "syslog"];

    /// <summary>Headers that describe the body or the connection; a configured value would contradict the request.</summary>
    private static readonly string[] ReservedHeaders = ["Content-Type", "Content-Length", "Content-Encoding", "Host", "Transfer-Encoding", "Connection"];

    public static LogsConfig Read(ConfigSectionReader section, string? configPath)
    {
        var baseDirectory = configPath is null ? Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(configPath)!;
        var node = section.Node("forward");
        if (node is null)
        {
            return new LogsConfig();
        }

        if (node is not SequenceNode list)
        {
            section.Diagnostics.Error(node, $"'{section.Path}.forward' must be a list of destinations (- otlp: or - syslog:), not {node.Kind}");
            return new LogsConfig();
        }

        var forward = new List<LogForwardConfig>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (ReadEntry(list.Items[i], $"{section.Path}.forward[{i}]", section.Diagnostics, baseDirectory) is { } entry)
            {
                forward.Add(entry);
            }
        }

        return new LogsConfig { Forward = forward };
    }

    private static LogForwardConfig? ReadEntry(TemplateNode item, string path, Validation.DiagnosticBag diagnostics, string baseDirectory)
    {
        if (item is not MappingNode { Entries.Count: 1 } map)
        {
            diagnostics.Error(item, $"'{path}' must be a mapping with one key, otlp or syslog");
            return null;
        }

        var kind = map.Entries[0];
        var source = $"{System.IO.Path.GetFileName(kind.Key.Location.File)}:{kind.Key.Location.Line}:{kind.Key.Location.Column}";
        var section = new ConfigSectionReader(kind.Value, $"{path}.{kind.Name}", diagnostics);
        LogForwardConfig? entry = kind.Name switch
        {
            "otlp" => ReadOtlp(section),
            "syslog" => ReadSyslog(section, baseDirectory),
            _ => null,
        };
        if (kind.Name is not ("otlp" or "syslog"))
        {
            diagnostics.Error(kind.Key, $"unknown destination '{kind.Name}' in '{path}'{Validation.Suggestions.Hint(kind.Name, Kinds)}; known destinations: {string.Join(", ", Kinds)}");
            return null;
        }

        section.RejectUnknownKeys();
        return entry is null ? null : entry with { Source = source };
    }

    private static OtlpForwardConfig? ReadOtlp(ConfigSectionReader section)
    {
        var valid = true;
        var endpointText = section.String("endpoint");
        Uri? endpoint = null;
        if (endpointText is null)
        {
            section.Diagnostics.Error(SectionNode(section), $"'{section.Path}.endpoint' is required: the full URL of the OTLP/HTTP logs endpoint, such as http://127.0.0.1:4318/v1/logs");
            valid = false;
        }
        else if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.Host.Length == 0)
        {
            section.Error("endpoint", $"'{section.Path}.endpoint' must be an absolute http:// or https:// URL, not '{endpointText}'");
            valid = false;
        }

        var encoding = OtlpEncoding.Protobuf;
        switch (section.String("encoding"))
        {
            case null or "protobuf":
                break;
            case "json":
                encoding = OtlpEncoding.Json;
                break;
            case var other:
                section.Error("encoding", $"'{section.Path}.encoding' must be protobuf or json, not '{other}'");
                valid = false;
                break;
        }

        var headers = ReadHeaders(section, ref valid);
        return valid ? new OtlpForwardConfig { Endpoint = endpoint!, Encoding = encoding, Headers = headers } : null;
    }

    private static Dictionary<string, string> ReadHeaders(ConfigSectionReader section, ref bool valid)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var node = section.Node("headers");
        if (node is null)
        {
            return headers;
        }

        if (node is not MappingNode map)
        {
            section.Diagnostics.Error(node, $"'{section.Path}.headers' must be a mapping of header names to values, not {node.Kind}");
            valid = false;
            return headers;
        }

        foreach (var entry in map.Entries)
        {
            if (!IsHeaderName(entry.Name))
            {
                section.Diagnostics.Error(entry.Key, $"'{section.Path}.headers' has an invalid header name '{entry.Name}'");
                valid = false;
            }
            else if (ReservedHeaders.Contains(entry.Name, StringComparer.OrdinalIgnoreCase))
            {
                section.Diagnostics.Error(entry.Key, $"'{section.Path}.headers' cannot set '{entry.Name}': Fathom sets it for each request");
                valid = false;
            }
            else if (entry.Value is not ScalarNode { IsNull: false } value)
            {
                section.Diagnostics.Error(entry.Value, $"'{section.Path}.headers.{entry.Name}' must be a string, not {entry.Value.Kind}");
                valid = false;
            }
            else if (value.Value.Any(c => c is '\r' or '\n' or '\0'))
            {
                section.Diagnostics.Error(entry.Value, $"'{section.Path}.headers.{entry.Name}' must not contain line breaks");
                valid = false;
            }
            else
            {
                headers[entry.Name] = value.Value;
            }
        }

        return headers;
    }

    private static SyslogForwardConfig? ReadSyslog(ConfigSectionReader section, string baseDirectory)
    {
        var valid = true;
        var address = section.String("address");
        string host = "";
        var port = 0;
        if (address is null)
        {
            section.Diagnostics.Error(SectionNode(section), $"'{section.Path}.address' is required: host:port of a syslog server's TCP listener, such as 127.0.0.1:6514");
            valid = false;
        }
        else if (!TryParseHostPort(address, out host, out port))
        {
            section.Error("address", $"'{section.Path}.address' must be host:port (a name, an IPv4 address or [an IPv6 address], and a port from 1 to 65535), not '{address}'");
            valid = false;
        }

        var tls = section.Bool("tls");
        valid &= tls is not null || section.Node("tls") is null;
        string? caFile = null;
        if (section.String("ca") is { } ca)
        {
            caFile = System.IO.Path.GetFullPath(ca, baseDirectory);
            if (tls != true)
            {
                section.Error("ca", $"'{section.Path}.ca' needs 'tls: true'");
                valid = false;
            }
            else if (!File.Exists(caFile))
            {
                section.Error("ca", $"'{section.Path}.ca' names a file that does not exist: {ca}");
                valid = false;
            }
        }

        var facility = SyslogFacility.User;
        if (section.String("facility") is { } facilityText)
        {
            if (!TryParseFacility(facilityText, out facility))
            {
                section.Error("facility", $"'{section.Path}.facility' must be one of {string.Join(", ", FacilityNames)}, not '{facilityText}'");
                valid = false;
            }
        }

        return valid ? new SyslogForwardConfig { Host = host, Port = port, Tls = tls ?? false, CaFile = caFile, Facility = facility } : null;
    }

    private static IEnumerable<string> FacilityNames => Enum.GetNames<SyslogFacility>().Select(n => n.ToLowerInvariant());

    private static bool TryParseFacility(string text, out SyslogFacility facility)
    {
        facility = default;
        return FacilityNames.Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, ignoreCase: true, out facility);
    }

    /// <summary>Splits <c>host:port</c>; an IPv6 address must be bracketed so its colons are not mistaken for the port's.</summary>
    internal static bool TryParseHostPort(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
            {
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                return false;
            }
        }

        return portText.Length > 0 && portText.All(char.IsAsciiDigit)
            && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
    }

    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));

    private static TemplateNode SectionNode(ConfigSectionReader section) => section.Self;
}
