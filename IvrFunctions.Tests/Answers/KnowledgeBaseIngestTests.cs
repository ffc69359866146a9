using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Answers;

public sealed class KnowledgeBaseIngestTests
{
    [Fact]
    public async Task Reingest_UnchangedFolder_ReusesEveryDocumentAndLeavesTheIndexBlobAlone()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var ingestor = host.Get<KnowledgeBaseIngestor>();
        var progress = new List<string>();

        var first = await ingestor.IngestAsync(ProviderTestHost.KnowledgeFolder, new SyncProgress(progress));
        var second = await ingestor.IngestAsync(ProviderTestHost.KnowledgeFolder);

        Assert.Equal((40, 40, true), (first.Documents, first.Added, first.IndexWritten));
        Assert.Equal((40, 0, 0, false), (second.Unchanged, second.Added, second.Updated, second.IndexWritten));
        Assert.Equal(first.Version, second.Version);
        Assert.Contains(progress, line => line.StartsWith("[40/40] ", StringComparison.Ordinal));
        Assert.Contains(progress, line => line.StartsWith("Index ", StringComparison.Ordinal) && line.Contains("written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestFromContainer_ArticlesUploadedByTheDeployHook_AreIndexedAndReingestIsANoOp()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var container = host.Get<Core.Storage.StorageAccount>().Container(host.Settings["KnowledgeBase:Container"]!);
        await container.CreateIfNotExistsAsync();
        foreach (var file in Directory.EnumerateFiles(ProviderTestHost.KnowledgeFolder, "*.md", SearchOption.AllDirectories))
        {
            await container.GetBlobClient(Path.GetRelativePath(ProviderTestHost.KnowledgeFolder, file)).UploadAsync(file);
        }

        var ingestor = host.Get<KnowledgeBaseIngestor>();
        var first = await ingestor.IngestFromContainerAsync();
        var second = await ingestor.IngestFromContainerAsync();
        var answer = await host.Get<Core.Answers.IAnswerService>().AnswerAsync("How do I link my bank account to UPI?", "en-IN", Core.Telemetry.TelemetryContext.None);

        Assert.Equal((40, 40, true), (first!.Documents, first.Added, first.IndexWritten)); // README.md skipped
        Assert.Equal((40, false), (second!.Unchanged, second.IndexWritten));
        Assert.Equal("en/link-bank-account", answer.Passages[0].DocumentId);
        await using var empty = await ProviderTestHost.StartAsync();
        Assert.Null(await empty.Get<KnowledgeBaseIngestor>().IngestFromContainerAsync());
    }

    [Fact]
    public void Chunker_HindiArticle_ReadsTitleLanguageAndParagraphs()
    {
        var document = KnowledgeChunker.Read("hi/sample", "# यूपीआई पिन\n\nपहला अनुच्छेद। दूसरा वाक्य।\n\nदूसरा अनुच्छेद।\n");

        Assert.Equal(("यूपीआई पिन", "hi-IN"), (document.Title, document.Language));
        Assert.Equal(["पहला अनुच्छेद। दूसरा वाक्य।", "दूसरा अनुच्छेद।"], KnowledgeChunker.Chunk(document.Body, 30));
        Assert.Equal(["पहला अनुच्छेद। दूसरा वाक्य। दूसरा अनुच्छेद।"], KnowledgeChunker.Chunk(document.Body, 700));
        Assert.Equal("hi-IN", KnowledgeChunker.DetectLanguage("misc/x", "यह हिंदी में है"));
    }

    sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
