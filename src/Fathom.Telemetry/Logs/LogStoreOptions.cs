namespace Fathom.Telemetry.Logs;

/// <summary>How the log store splits its full-text index (see <see cref="LogStore"/>).</summary>
public sealed class LogStoreOptions
{
    /// <summary>Rows per full-text shard, 100,000 by default: size retention frees the index a shard at a time, and a
    /// search visits every shard its page needs, so this trades retention's granularity against searches of rare terms.</summary>
    public int TextShardRows { get; set; } = 100_000;

    /// <summary>The record time one shard spans at most, a day by default, so a quiet store's old index still ages out.</summary>
    public TimeSpan TextShardSpan { get; set; } = TimeSpan.FromDays(1);
}
