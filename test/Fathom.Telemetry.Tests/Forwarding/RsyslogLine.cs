using System.Text.Json.Serialization;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>One message as rsyslog parsed it, from the JSON line its <c>omfile</c> template writes.</summary>
public sealed record RsyslogLine(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("pri")] string Pri,
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("appname")] string AppName,
    [property: JsonPropertyName("procid")] string ProcId,
    [property: JsonPropertyName("msgid")] string MsgId,
    [property: JsonPropertyName("sd")] string StructuredData,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("msg")] string Msg);
