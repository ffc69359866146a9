namespace IvrFunctions.SelfHost.Azurite;

/// <summary>How to run one Azurite instance: ports on loopback, and either a data folder or memory only.</summary>
public sealed record AzuriteSettings(int BlobPort, int QueuePort, int TablePort, string? DataFolder)
{
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzuriteSettings Development(string dataFolder) => new(10000, 10001, 10002, dataFolder);

    public bool InMemory => DataFolder is null;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
}
