namespace Fathom.Deployments.Versions;

/// <summary>Names with a fixed meaning when resolving a function.</summary>
public static class Qualifiers
{
    /// <summary>The newest published version.</summary>
    public const string Latest = "$LATEST";

    /// <summary>The default alias when a function has none of its own (SAM's AutoPublishAlias unset).</summary>
    public const string DefaultAlias = "live";
}
