namespace Fathom.Telemetry.Logs;

/// <summary>One full-text index table, covering the rows from <see cref="FirstSequence"/> up to the next shard's first.</summary>
internal readonly record struct TextShard(long Id, long FirstSequence, long FirstTime);
