namespace Fathom.Telemetry.Metrics.Emf;

/// <summary>One value of one EMF metric under one dimension set.</summary>
/// <param name="Dimensions">The dimension set's names and values as a JSON object with sorted keys (empty object: none).</param>
internal sealed record EmfValue(string Namespace, string Name, string Unit, string Dimensions, double Value);
