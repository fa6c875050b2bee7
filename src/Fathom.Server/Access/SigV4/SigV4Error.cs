namespace Fathom.Server.Access.SigV4;

/// <summary>Why a signed request was refused, as Lambda answers it: the status, the code that goes in
/// <c>x-amzn-ErrorType</c> (the aws CLI prints it as "An error occurred (Code)") and the message.</summary>
internal sealed record SigV4Error(int Status, string Code, string Message)
{
    public static SigV4Error MissingToken { get; } = new(403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    public static SigV4Error UnknownKey { get; } = new(403, "UnrecognizedClientException", "The security token included in the request is invalid.");

    public static SigV4Error SignatureMismatch { get; } = new(403, "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
        + "Consult the service documentation for details.");

    public static SigV4Error Invalid(string message) => new(403, "InvalidSignatureException", message);

    public static SigV4Error Incomplete(string message) => new(403, "IncompleteSignatureException", message);

    public static SigV4Error TooLarge(long limit) =>
        new(413, "RequestEntityTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation");
}
