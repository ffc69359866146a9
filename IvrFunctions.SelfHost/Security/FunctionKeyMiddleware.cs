using System.Security.Cryptography;
using System.Text;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Http;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Security;

/// <summary>
/// The SelfHost's stand-in for Functions' <c>AuthorizationLevel.Function</c>: every route except those marked anonymous
/// needs the key as the <c>code</c> query parameter or the <c>x-functions-key</c> header, compared in constant time.
/// </summary>
sealed class FunctionKeyMiddleware(RequestDelegate next, IOptions<IvrOptions> options)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    readonly byte[] _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.FunctionKey ?? string.Empty));

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IvrEndpoints.AnonymousRoute>() is not null)
        {
            return next(context);
        }

        string? presented = context.Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = context.Request.Query[QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Reject(context, "Function key required", $"Pass the key as the '{QueryName}' query parameter or the '{HeaderName}' header.");
        }

        // Hashing first makes the comparison constant-time regardless of the presented key's length.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(presentedHash, _expectedHash)
            ? next(context)
            : Reject(context, "Function key not valid", "The key presented does not match this host's key.");
    }

    static Task Reject(HttpContext context, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
}
