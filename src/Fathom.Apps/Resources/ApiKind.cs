namespace Fathom.Apps.Resources;

/// <summary>Which API Gateway flavour a route belongs to; it decides the event payload format.</summary>
public enum ApiKind
{
    /// <summary>REST API (<c>AWS::Serverless::Api</c>, SAM <c>Api</c> events), payload 1.0.</summary>
    Rest,

    /// <summary>HTTP API (<c>AWS::Serverless::HttpApi</c>, SAM <c>HttpApi</c> events), payload 2.0 by default.</summary>
    Http,
}
