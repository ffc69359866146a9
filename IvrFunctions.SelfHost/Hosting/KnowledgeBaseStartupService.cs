using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>On first start (no index blob yet) ingests the sample knowledge base shipped beside the app, so <c>dotnet run</c>
/// answers questions out of the box. Runs in the background; the host serves meanwhile.</summary>
sealed class KnowledgeBaseStartupService(
    KnowledgeBaseIngestor ingestor,
    IOptions<KnowledgeBaseOptions> options,
    ILogger<KnowledgeBaseStartupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SeedOnStart)
        {
            return;
        }

        var folder = string.IsNullOrWhiteSpace(settings.SeedFolder) ? Path.Combine(AppContext.BaseDirectory, "knowledge-base") : settings.SeedFolder;
        try
        {
            if (await ingestor.IndexExistsAsync(stoppingToken))
            {
                return;
            }

            if (!Directory.Exists(folder))
            {
                logger.LogWarning("No knowledge index and no seed folder {Folder}: run 'dotnet run --project IvrFunctions.SelfHost -- ingest <folder>'", folder);
                return;
            }

            logger.LogInformation("No knowledge index yet: ingesting the sample knowledge base from {Folder}", folder);
            var report = await ingestor.IngestAsync(folder, cancellationToken: stoppingToken);
            logger.LogInformation("Knowledge base {Version} ready: {Documents} documents, {Chunks} passages", report.Version, report.Documents, report.Chunks);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Sample knowledge base not ingested ({Error}); answers say they do not know until one is", ex.GetBaseException().Message);
        }
    }
}
