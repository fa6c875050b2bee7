namespace Fathom.Server.Deploy;

/// <summary>Body of <c>POST /fathom/v1/apps/{app}/environments/{env}/deploy</c>: the app as <c>fathom deploy</c> read it.
/// Code travels separately, as content-addressed artifacts uploaded before (<c>PUT /fathom/v1/artifacts/{hash}</c>).</summary>
internal sealed record DeployRequest
{
    /// <summary>The template's text.</summary>
    public string? Template { get; init; }

    /// <summary><c>template.yaml</c> (default), <c>template.yml</c> or <c>template.json</c>: how errors name the file.</summary>
    public string? TemplateName { get; init; }

    /// <summary><c>fathom.yaml</c>'s text, or null when the app has none.</summary>
    public string? Config { get; init; }

    /// <summary><c>--parameter-overrides</c>; null reuses the environment's last ones.</summary>
    public Dictionary<string, string>? ParameterOverrides { get; init; }

    /// <summary>Each CodeUri folder, relative to the app directory (<c>src/hello</c>, or <c>.</c>), and the hash of the
    /// artifact built from it.</summary>
    public Dictionary<string, string> Code { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>deploy --port</c>: the app port of an environment this deploy creates.</summary>
    public int? Port { get; init; }
}
