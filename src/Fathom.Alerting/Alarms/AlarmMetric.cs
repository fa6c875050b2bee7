namespace Fathom.Alerting.Alarms;

/// <summary>What an alarm watches: a built-in function metric (Namespace <c>AWS/Lambda</c>) or an EMF metric (its own
/// namespace and exact dimension set), optionally narrowed to one function, alias or version.</summary>
public sealed record AlarmMetric
{
    /// <summary>The namespace of the platform's own per-function metrics.</summary>
    public const string LambdaNamespace = "AWS/Lambda";

    /// <summary>The metric's name (<c>Errors</c>, <c>Duration</c>, an EMF name); <c>ErrorRate</c> for a <see cref="Ratio"/>.</summary>
    public required string Name { get; init; }

    public string Namespace { get; init; } = LambdaNamespace;

    /// <summary>The dimensions as the alarm names them (EMF series match this set exactly).</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? Function { get; init; }

    public string? Alias { get; init; }

    public string? Version { get; init; }

    /// <summary>Set for a rate: 100 × sum(numerator) ÷ sum(denominator) per period, no datapoint below the minimum.</summary>
    public AlarmRatio? Ratio { get; init; }

    public bool IsLambda => Namespace == LambdaNamespace;
}

/// <param name="Numerator">E.g. <c>Errors</c>.</param>
/// <param name="Denominator">E.g. <c>Invocations</c>.</param>
/// <param name="MinimumDenominator">A period with fewer has no datapoint (so a single failed call of two is not a 50 % rate).</param>
public sealed record AlarmRatio(string Numerator, string Denominator, int MinimumDenominator);
