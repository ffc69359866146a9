namespace IvrFunctions.Core.Configuration;

/// <summary>
/// Where storage lives, read from the Functions key <c>AzureWebJobsStorage</c>: a connection string
/// (<c>UseDevelopmentStorage=true</c> locally), or, in Azure, the identity-based form
/// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__tableServiceUri</c> (+ <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string Key = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ClientId { get; set; }

    public bool IsDevelopmentStorage =>
        ConnectionString is not null
        && ConnectionString.Replace(" ", "", StringComparison.Ordinal).Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
