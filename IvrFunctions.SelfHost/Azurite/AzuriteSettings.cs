namespace IvrFunctions.SelfHost.Azurite;

/// <summary>
/// How to run one Azurite instance: ports on loopback, either a data folder or memory only, and optionally HTTPS (needed
/// for bearer tokens, which <see cref="AzuriteHttps.OAuth"/> turns on).
/// </summary>
public sealed record AzuriteSettings(int BlobPort, int QueuePort, int TablePort, string? DataFolder, AzuriteHttps? Https = null)
{
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string AccountName = "devstoreaccount1";

    public static AzuriteSettings Development(string dataFolder) => new(10000, 10001, 10002, dataFolder);

    public bool InMemory => DataFolder is null;

    public string Scheme => Https is null ? "http" : "https";

    public Uri BlobServiceUri => new($"{Scheme}://127.0.0.1:{BlobPort}/{AccountName}");

    public Uri TableServiceUri => new($"{Scheme}://127.0.0.1:{TablePort}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={AccountName};" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint={BlobServiceUri};" +
        $"QueueEndpoint={Scheme}://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint={TableServiceUri};";
}

/// <summary>
/// Azurite over HTTPS with the certificate and private key in PEM files (<c>--cert</c>, <c>--key</c>); with
/// <paramref name="OAuth"/>, also accepting bearer tokens (<c>--oauth basic</c>: issuer, audience and lifetime are checked,
/// the signature is not).
/// </summary>
public sealed record AzuriteHttps(string CertificatePath, string KeyPath, bool OAuth = false);
