namespace Fathom.Apps.Validation;

/// <summary>"Did you mean" hints by edit distance, for misspelt property and reference names.</summary>
internal static class Suggestions
{
    /// <param name="budget">Work allowed across one load, for candidates taken from the template; null for fixed lists
    /// such as property names. When it runs out, the best candidate so far (or none) is the answer.</param>
    public static string? Closest(string input, IEnumerable<string> candidates, HintBudget? budget = null)
    {
        var limit = Math.Max(2, input.Length / 3);
        var upper = input.ToUpperInvariant();
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length, so most names are ruled out without computing it.
            var skip = Math.Abs(candidate.Length - input.Length) >= bestDistance;
            if (budget is not null && !budget.TrySpend(skip ? 1 : 1 + (long)input.Length * candidate.Length))
            {
                break;
            }

            if (skip)
            {
                continue;
            }

            var distance = Distance(upper, candidate.ToUpperInvariant(), bestDistance - 1);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Appends <c>; did you mean 'X'?</c> when a close candidate exists.</summary>
    public static string Hint(string input, IEnumerable<string> candidates, HintBudget? budget = null)
    {
        var closest = Closest(input, candidates, budget);
        return closest is null ? string.Empty : $"; did you mean '{closest}'?";
    }

    /// <summary>Levenshtein distance, or any value above <paramref name="max"/> once it is known to exceed it.</summary>
    internal static int Distance(string a, string b, int max = int.MaxValue)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            // Every later row is at least this row's minimum.
            if (rowMinimum > max)
            {
                return rowMinimum;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
