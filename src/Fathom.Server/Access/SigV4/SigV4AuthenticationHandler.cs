using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Fathom.Gateway.Invoke;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Access.SigV4;

/// <summary>Signs in a request signed with AWS Signature Version 4 (an <c>Authorization: AWS4-HMAC-SHA256</c> header or a
/// presigned URL) by a key from <c>fathom token create --aws</c>, and answers refusals as Lambda does so the aws CLI
/// and SDKs show the usual error codes.</summary>
internal sealed class SigV4AuthenticationHandler(IOptionsMonitor<SigV4Options> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider time)
    : AuthenticationHandler<SigV4Options>(options, logger, encoder)
{
    public const string Method = "sigv4";

    /// <summary>Bodies up to this size are buffered in memory while hashed; larger ones go to a temporary file.</summary>
    private const int MemoryBufferBytes = 1024 * 1024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        SigV4Authorization? authorization;
        SigV4Error? error;
        if (Request.Headers.Authorization.ToString() is { } header && header.StartsWith("AWS4-", StringComparison.Ordinal))
        {
            authorization = SigV4Authorization.FromHeader(header, out error);
        }
        else if (Request.Query.ContainsKey("X-Amz-Algorithm"))
        {
            authorization = SigV4Authorization.FromQuery(name => Request.Query[name].FirstOrDefault(), out error);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        if (authorization is null)
        {
            return Refuse(error!);
        }

        var now = time.GetUtcNow();
        var key = Context.RequestServices.GetService<IAwsAccessKeys>()?.Find(authorization.AccessKeyId);
        if (key is null || key.Expires <= now)
        {
            return Refuse(SigV4Error.UnknownKey);
        }

        var body = await BodySha256Async();
        if (body.Error is not null)
        {
            return Refuse(body.Error);
        }

        var (path, query) = WireTarget();
        var request = new SigV4Request(Request.Method, path, query, name => Request.Headers[name], body.Sha256!);
        if (SigV4Verifier.Verify(request, authorization, key.SecretAccessKey, Options.Service, now) is { } refused)
        {
            return Refuse(refused);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(Identity(key)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        switch (result.Failure)
        {
            case SigV4Exception refused:
                await LambdaErrors.WriteAsync(Context, refused.Error.Status, refused.Error.Code, refused.Error.Message);
                break;
            case not null:
                // The key store failed, not the caller: say so rather than blame the signature.
                await LambdaErrors.ServiceErrorAsync(Context);
                break;
            default:
                await LambdaErrors.WriteAsync(Context, SigV4Error.MissingToken.Status, SigV4Error.MissingToken.Code, SigV4Error.MissingToken.Message);
                break;
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        LambdaErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "AccessDeniedException",
            $"User: {Context.User.Identity?.Name} is not authorized to perform this operation with its role ({Context.User.FindFirst(AccessClaims.Role)?.Value}).");

    private ClaimsIdentity Identity(AwsAccessKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(AccessClaims.Role, key.Role.ToString().ToLowerInvariant()),
            new(AccessClaims.CredentialId, key.AccessKeyId),
            new(AccessClaims.Method, Method),
        };
        if (key.App is not null)
        {
            claims.Add(new(AccessClaims.App, key.App));
        }

        if (key.Environment is not null)
        {
            claims.Add(new(AccessClaims.Environment, key.Environment));
        }

        return new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, AccessClaims.Role);
    }

    /// <summary>The path and query as the client sent them. The client signed the URL it called, including the
    /// <c>/aws/{app}/{env}</c> prefix routing has since moved to PathBase, in its own percent-encoding.</summary>
    private (string Path, string Query) WireTarget()
    {
        var raw = Context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return ((Request.PathBase + Request.Path).ToUriComponent(), Request.QueryString.HasValue ? Request.QueryString.Value![1..] : "");
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (raw, "") : (raw[..question], raw[(question + 1)..]);
    }

    /// <summary>Hashes the body and leaves it buffered from the start for the endpoint.</summary>
    private async Task<(string? Sha256, SigV4Error? Error)> BodySha256Async()
    {
        if (Request.ContentLength == 0 || Context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return (SigV4Request.EmptySha256, null);
        }

        if (Request.ContentLength > Options.MaxBodyBytes)
        {
            return (null, SigV4Error.TooLarge(Options.MaxBodyBytes));
        }

        Request.EnableBuffering(MemoryBufferBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await Request.Body.ReadAsync(chunk, Context.RequestAborted)) > 0)
            {
                total += read;
                if (total > Options.MaxBodyBytes)
                {
                    return (null, SigV4Error.TooLarge(Options.MaxBodyBytes));
                }

                hash.AppendData(chunk, 0, read);
            }
        }
        catch (IOException e) when (!Context.RequestAborted.IsCancellationRequested)
        {
            // A malformed body (bad chunk framing, cut short) is the client's mistake, as the Invoke API answers it.
            return (null, new SigV4Error(StatusCodes.Status400BadRequest, "InvalidRequestContentException", "Could not read the request body: " + e.Message));
        }

        Request.Body.Position = 0;
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), null);
    }

    private static AuthenticateResult Refuse(SigV4Error error) => AuthenticateResult.Fail(new SigV4Exception(error));
}
