using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>
/// Keeps the knowledge base ingested without a manual step, in the background at start (the host serves meanwhile):
/// articles stored in the knowledge-base container itself (what azd's postprovision hook uploads) are ingested on every
/// start, which costs nothing when they are unchanged; otherwise, when no index exists yet, the seed folder (the sample
/// <c>knowledge-base/</c> copied beside the SelfHost) is ingested, so <c>dotnet run</c> answers out of the box.
/// </summary>
internal sealed class KnowledgeBaseStartupService(
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

        try
        {
            if (await ingestor.IngestFromContainerAsync(cancellationToken: stoppingToken) is { } fromContainer)
            {
                logger.LogInformation("Knowledge base {Version} ingested from container {Container}: {Documents} documents ({Unchanged} unchanged)",
                    fromContainer.Version, settings.Container, fromContainer.Documents, fromContainer.Unchanged);
                return;
            }

            if (await ingestor.IndexExistsAsync(stoppingToken))
            {
                return;
            }

            var folder = Path.Combine(AppContext.BaseDirectory, string.IsNullOrWhiteSpace(settings.SeedFolder) ? "knowledge-base" : settings.SeedFolder);
            if (!Directory.Exists(folder))
            {
                logger.LogWarning("No knowledge index and no seed folder {Folder}: answers say they do not know until a knowledge base is ingested " +
                    "(dotnet run --project IvrFunctions.SelfHost -- ingest <folder>)", folder);
                return;
            }

            logger.LogInformation("No knowledge index yet: ingesting the sample knowledge base from {Folder}", folder);
            var report = await ingestor.IngestAsync(folder, cancellationToken: stoppingToken);
            logger.LogInformation("Knowledge base {Version} ready: {Documents} documents, {Chunks} passages", report.Version, report.Documents, report.Chunks);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Knowledge base not ingested at start ({Error}); answers say they do not know until one is", ex.GetBaseException().Message);
        }
    }
}
