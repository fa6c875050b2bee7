using System.Globalization;
using System.Text;
using Fathom.Gateway.Invoke;
using Microsoft.AspNetCore.Http;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Lambda's list paging: <c>MaxItems</c> (1–10,000, answered with at most <c>cap</c>) and an opaque
/// <c>Marker</c> that a previous page's <c>NextMarker</c> gave.</summary>
internal readonly record struct Paging(int Offset, int Count)
{
    public static async Task<Paging?> ReadAsync(HttpContext context, int cap)
    {
        var query = context.Request.Query;
        var count = cap;
        if (query["MaxItems"].ToString() is { Length: > 0 } maxText)
        {
            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max is < 1 or > 10_000)
            {
                await LambdaErrors.InvalidParameterAsync(context,
                    $"1 validation error detected: Value '{maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
                return null;
            }

            count = Math.Min(max, cap);
        }

        var offset = 0;
        if (query["Marker"].ToString() is { Length: > 0 } marker && !TryDecode(marker, out offset))
        {
            await LambdaErrors.InvalidParameterAsync(context, "Invalid marker: " + marker);
            return null;
        }

        return new Paging(offset, count);
    }

    /// <summary>The marker of the page after this one, or null when <paramref name="total"/> items end within it.</summary>
    public string? NextMarker(int total) =>
        Offset + Count < total
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + (Offset + Count).ToString(CultureInfo.InvariantCulture)))
            : null;

    private static bool TryDecode(string marker, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(marker));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
