using Fathom.Alerting.Alarms;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Alerting;

/// <summary>Maps the alarm API on the admin port.</summary>
public static class AlarmsEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapFathomAlarms(this IEndpointRouteBuilder endpoints) => endpoints.MapAlarmEndpoints();
}
