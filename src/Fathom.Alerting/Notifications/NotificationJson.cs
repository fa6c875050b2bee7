using System.Text.Json.Serialization;
using Fathom.Platform.Events;

namespace Fathom.Alerting.Notifications;

/// <summary>How the outbox stores targets and events (camelCase, enums as words).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeliveryTarget))]
[JsonSerializable(typeof(PlatformEvent))]
internal sealed partial class NotificationJson : JsonSerializerContext;
