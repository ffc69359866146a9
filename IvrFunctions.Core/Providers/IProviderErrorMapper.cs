namespace IvrFunctions.Core.Providers;

/// <summary>Classifies one vendor's error responses (its body format, its status codes, its retry hints).</summary>
public interface IProviderErrorMapper
{
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="header">Reads a response header by name (null when absent).</param>
    /// <param name="body">The response body, if any.</param>
    ProviderError Map(int statusCode, Func<string, string?> header, string? body);
}
