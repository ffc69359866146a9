using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Answers;

/// <summary>The answer service offline (extractive): stages, "I don't know", and the response cache against real Azurite.</summary>
public sealed class AnswerServiceTests
{
    static TelemetryContext Turn(string language = "en-IN") => new("call-" + Guid.NewGuid().ToString("N")[..8], "turn-1", language);

    [Fact]
    public async Task KnownQuestion_ExtractiveAnswer_RecordsRetrievalAndLlmStagesAndACacheMiss()
    {
        await using var host = await ProviderTestHost.StartAsync();
        await host.IngestSampleAsync();

        var answer = await host.Get<IAnswerService>().AnswerAsync("What is the daily limit for UPI?", "en-IN", Turn());

        Assert.True(answer.Found);
        Assert.False(answer.FromCache);
        Assert.Equal(("offline", "extractive"), (answer.Provider, answer.Model));
        Assert.StartsWith("For most people the UPI limit is one lakh rupees per day", answer.Text, StringComparison.Ordinal);
        Assert.Equal("en/daily-limits", answer.Passages[0].DocumentId);
        Assert.InRange(answer.Passages.Count, 1, 3);
        Assert.True(answer.Passages.Zip(answer.Passages.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        var stages = host.Telemetry.Stages.ToList();
        Assert.Equal([StageNames.Retrieval, StageNames.Llm], stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.True(s.Succeeded));
        Assert.Equal("bm25", stages[0].Provider);
        var lookup = Assert.Single(host.Telemetry.CacheLookups);
        Assert.Equal((CacheKinds.Response, false), (lookup.Kind, lookup.Hit));
    }

    [Fact]
    public async Task SameQuestionReworded_SecondTime_ComesFromCacheWithoutRetrieval()
    {
        await using var host = await ProviderTestHost.StartAsync();
        await host.IngestSampleAsync();
        var service = host.Get<IAnswerService>();

        var first = await service.AnswerAsync("How do I reset my UPI PIN?", "en-IN", Turn());
        var second = await service.AnswerAsync("  how do i RESET my upi pin  ", "en-IN", Turn());

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Passages, second.Passages);
        Assert.Equal([false, true], host.Telemetry.CacheLookups.Select(l => l.Hit));
        Assert.Single(host.Telemetry.Stages, s => s.Stage == StageNames.Retrieval);
    }

    [Fact]
    public async Task CachedAnswer_SeenByAnotherProcess_ComesFromTableStorage()
    {
        await using var first = await ProviderTestHost.StartAsync();
        await first.IngestSampleAsync();
        await first.Get<IAnswerService>().AnswerAsync("Is there a fee for UPI payments?", "en-IN", Turn());

        // A second host: same storage, table and knowledge base, empty in-process cache.
        await using var second = await ProviderTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Caches:ResponseTable"] = first.Settings["Caches:ResponseTable"],
        }, first.Settings["KnowledgeBase:Container"]);
        var answer = await second.Get<IAnswerService>().AnswerAsync("is there a fee for UPI payments", "en-IN", Turn());

        Assert.True(answer.FromCache);
        Assert.Equal("en/charges", answer.Passages[0].DocumentId);
        Assert.True(Assert.Single(second.Telemetry.CacheLookups).Hit);
        Assert.Empty(second.Telemetry.Stages);
    }

    [Fact]
    public async Task DifferentLanguage_IsADifferentCacheEntry()
    {
        await using var host = await ProviderTestHost.StartAsync();
        await host.IngestSampleAsync();
        var service = host.Get<IAnswerService>();

        await service.AnswerAsync("UPI Lite", "en-IN", Turn());
        var hindi = await service.AnswerAsync("UPI Lite", "hi-IN", Turn("hi-IN"));

        Assert.False(hindi.FromCache);
        Assert.StartsWith("hi/", hindi.Passages[0].DocumentId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Who won the football world cup?", "en-IN", "I don't know")]
    [InlineData("आज मौसम कैसा है?", "hi-IN", "नहीं पता")]
    public async Task OffTopicQuestion_SaysIDontKnowInTheCallersLanguage_WithoutAnLlmStage(string question, string language, string expected)
    {
        await using var host = await ProviderTestHost.StartAsync();
        await host.IngestSampleAsync();

        var answer = await host.Get<IAnswerService>().AnswerAsync(question, language, Turn(language));

        Assert.False(answer.Found);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Telemetry.Stages, s => s.Stage == StageNames.Llm);
    }

    [Fact]
    public async Task NoKnowledgeBaseIngested_SaysIDontKnow()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var answer = await host.Get<IAnswerService>().AnswerAsync("How do I reset my UPI PIN?", "en-IN", Turn());

        Assert.False(answer.Found);
        Assert.Empty(answer.Passages);
    }

    [Fact]
    public async Task StorageUnreachable_IsAStorageErrorNotAnUnclassifiedException()
    {
        var port = IvrFunctions.SelfHost.Azurite.AzuriteProcess.FreePort();
        await using var host = await ProviderTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = new IvrFunctions.SelfHost.Azurite.AzuriteSettings(port, port, port, null).ConnectionString,
        });

        var error = await Assert.ThrowsAsync<ClassifiedException>(() => host.Get<IAnswerService>().AnswerAsync("How do I reset my UPI PIN?", "en-IN", Turn()));

        Assert.Equal(ErrorCategory.Storage, error.Category);
    }

    [Fact]
    public async Task EmptyQuestion_IsEmptyTranscriptError()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ClassifiedException>(() => host.Get<IAnswerService>().AnswerAsync(" ?! ", "en-IN", Turn()));

        Assert.Equal(ErrorCategory.EmptyTranscript, error.Category);
    }

    [Fact]
    public async Task KnowledgeBaseChanged_IndexReloadedByETag_AndCachedAnswerNotServed()
    {
        var folder = Directory.CreateTempSubdirectory("ivr-kb-");
        try
        {
            CopyFolder(ProviderTestHost.KnowledgeFolder, folder.FullName);
            await using var host = await ProviderTestHost.StartAsync(new Dictionary<string, string?> { ["KnowledgeBase:RefreshSeconds"] = "1" });
            var ingestor = host.Get<Core.Answers.KnowledgeBase.KnowledgeBaseIngestor>();
            var firstReport = await ingestor.IngestAsync(folder.FullName);
            var service = host.Get<IAnswerService>();
            var before = await service.AnswerAsync("Are there charges for UPI payments?", "en-IN", Turn());

            var article = Path.Combine(folder.FullName, "en", "charges.md");
            await File.WriteAllTextAsync(article, (await File.ReadAllTextAsync(article)).Replace("No. Sending money", "No, never. Sending money", StringComparison.Ordinal));
            var secondReport = await ingestor.IngestAsync(folder.FullName);
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            var after = await service.AnswerAsync("Are there charges for UPI payments?", "en-IN", Turn());

            Assert.Equal((1, 39), (secondReport.Updated, secondReport.Unchanged));
            Assert.NotEqual(firstReport.Version, secondReport.Version);
            Assert.Equal(secondReport.Version, await host.Get<IRetriever>().GetKnowledgeBaseVersionAsync());
            Assert.False(after.FromCache);
            Assert.StartsWith("No. Sending", before.Text, StringComparison.Ordinal);
            Assert.StartsWith("No, never.", after.Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
