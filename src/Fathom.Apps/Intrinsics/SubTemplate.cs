namespace Fathom.Apps.Intrinsics;

/// <summary>Splits an <c>Fn::Sub</c> string into literal text and <c>${...}</c> variables.</summary>
internal static class SubTemplate
{
    public readonly record struct Part(string Text, bool IsLiteral);

    public static IEnumerable<Part> Parse(string template)
    {
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("${", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                yield return new Part(template[position..], true);
                yield break;
            }

            if (open > position)
            {
                yield return new Part(template[position..open], true);
            }

            var inner = template[(open + 2)..close];
            // ${!Literal} writes ${Literal} through unchanged.
            yield return inner.StartsWith('!') ? new Part("${" + inner[1..] + "}", true) : new Part(inner.Trim(), false);
            position = close + 1;
        }
    }
}
