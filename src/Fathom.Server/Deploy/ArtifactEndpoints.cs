using Fathom.Server.Access.Authorization;
using Fathom.Platform.Access;
using Fathom.Packaging.Transfer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Server.Deploy;

/// <summary>Content-addressed artifact upload: <c>POST /fathom/v1/artifacts/missing</c> says which of a deploy's hashes the
/// server lacks, and <c>PUT /fathom/v1/artifacts/{hash}</c> takes one as a gzip'd tar, checked against its hash before it
/// becomes visible. A deploy that changes one function uploads one artifact.</summary>
internal static class ArtifactEndpoints
{
    /// <summary>Compressed upload limit; what it unpacks to is bounded by <see cref="ArtifactImportLimits"/>.</summary>
    private const long MaxUploadBytes = 262L * 1024 * 1024;

    public static IEndpointRouteBuilder MapArtifactUpload(this IEndpointRouteBuilder endpoints, string artifactsDirectory)
    {
        endpoints.MapPost("/fathom/v1/artifacts/missing", (MissingRequest? request) =>
        {
            if (request?.Hashes is not { } hashes)
            {
                return Problem(400, "hashes: a list of artifact hashes is required");
            }

            if (hashes.FirstOrDefault(h => !ArtifactArchive.IsHash(h)) is { } bad)
            {
                return Problem(400, $"hashes: '{bad}' is not an artifact hash (64 lowercase hex digits)");
            }

            return Results.Json(new { missing = hashes.Distinct(StringComparer.Ordinal).Where(h => !ArtifactArchive.Exists(artifactsDirectory, h)).ToArray() });
        }).RequireAuthorization(AccessPolicies.Deploy).WithMetadata(ServesEveryApp.Instance);

        endpoints.MapPut("/fathom/v1/artifacts/{hash}", async (HttpContext context, string hash) =>
        {
            if (!ArtifactArchive.IsHash(hash))
            {
                return Problem(400, $"'{hash}' is not an artifact hash (64 lowercase hex digits)");
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxUploadBytes;
            }

            try
            {
                await ArtifactImport.ImportAsync(context.Request.Body, artifactsDirectory, hash, cancellationToken: context.RequestAborted);
            }
            catch (ArtifactRejectedException e)
            {
                return Problem(422, e.Message);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problem(413, $"an artifact upload may be at most {MaxUploadBytes / (1024 * 1024)} MB");
            }

            return Results.Json(new { hash, stored = true });
        }).RequireAuthorization(AccessPolicies.Deploy).WithMetadata(ServesEveryApp.Instance);
        return endpoints;
    }

    internal static IResult Problem(int status, string detail, object? errors = null) =>
        Results.Problem(detail: detail, statusCode: status, title: status switch
        {
            400 => "Invalid request",
            404 => "Not found",
            409 => "Conflict",
            413 => "Too large",
            _ => "Refused",
        }, extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    internal sealed record MissingRequest(string[]? Hashes);
}
