using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Authentication;

/// <summary>The 401 and 403 answers of the admin port: problem+json, with a sentence saying what to do.</summary>
internal static class AccessProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
    }
}
