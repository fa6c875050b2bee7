using HdrHistogram;
using HdrHistogram.Encoding;
using HdrHistogram.Utilities;

namespace Fathom.Telemetry.Metrics;

/// <summary>The one histogram shape every duration point uses, so any two merge exactly: microseconds from 1 µs to
/// 15 minutes (Lambda's longest timeout) at two significant digits (a percentile is within 1 % of the true value).
/// Stored in HdrHistogram's V2 encoding (run-length zig-zag counts, a few hundred bytes for a busy second).</summary>
internal static class DurationHistogram
{
    public const long Highest = 900_000_000;
    public const int Digits = 2;

    public static LongHistogram Create() => new(1, Highest, Digits);

    /// <summary>Records a duration in milliseconds (clamped into the histogram's range).</summary>
    public static void Record(LongHistogram histogram, double milliseconds)
    {
        var micros = (long)Math.Round(milliseconds * 1000);
        histogram.RecordValue(Math.Clamp(micros, 1, Highest));
    }

    /// <summary>The value at a percentile (0–100), in milliseconds.</summary>
    public static double Percentile(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public static byte[] Encode(LongHistogram histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.Encode(buffer, HistogramEncoderV2.Instance);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return bytes;
    }

    /// <summary>The histogram the bytes encode, or null when they are not one (a damaged row counts as no samples).</summary>
    public static HistogramBase? Decode(byte[] encoded)
    {
        try
        {
            return HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(encoded), 0, null);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
