namespace Fathom.Apps.Validation;

/// <summary>
/// How much work did-you-mean hints may do in one load. Each hint compares a name with every candidate, so a hostile
/// template with 20,000 misspelt references to 20,000 names would spend minutes on hints; real templates (CloudFormation
/// allows 500 resources) use a small fraction of this. Once it is spent, errors come without hints.
/// </summary>
internal sealed class HintBudget(long units)
{
    /// <summary>About a tenth of a second of comparisons.</summary>
    public const long PerLoad = 50_000_000;

    private long _remaining = units;

    public bool TrySpend(long units)
    {
        if (_remaining <= 0)
        {
            return false;
        }

        _remaining -= units;
        return true;
    }
}
