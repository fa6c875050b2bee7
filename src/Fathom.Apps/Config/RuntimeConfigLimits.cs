namespace Fathom.Apps.Config;

/// <summary>The accepted ranges of the <c>runtime:</c> settings; beyond them a value is almost certainly a typo.</summary>
internal static class RuntimeConfigLimits
{
    public const int MaxEnvironments = 1024;

    public const int MaxQueueLength = 100_000;

    public static readonly TimeSpan MinIdleTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxIdleTimeout = TimeSpan.FromHours(24);
}
