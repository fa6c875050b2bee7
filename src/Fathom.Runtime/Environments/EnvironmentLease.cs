namespace Fathom.Runtime.Environments;

/// <summary>What a caller gets from the pool: a warm environment, or the right to start a new one (null).</summary>
internal readonly record struct EnvironmentLease(ExecutionEnvironment? Warm);
