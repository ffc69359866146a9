using System.Text.Json.Nodes;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;
using static IvrFunctions.Tests.Fakes.LoopbackServer;

namespace IvrFunctions.Tests.Answers;

/// <summary>OpenAI and Azure OpenAI through the 2.1.0 SDKs against a loopback fake: embeddings at ingest and per question,
/// chat for the answer, usage with cached tokens, error classes and retries.</summary>
public sealed class OpenAIAnswerTests
{
    static TelemetryContext Turn(string language = "en-IN") => new("call-" + Guid.NewGuid().ToString("N")[..8], "turn-1", language);

    static Task<ProviderTestHost> OpenAIHostAsync(FakeOpenAIServer server, Dictionary<string, string?>? extra = null) => Host(new()
    {
        ["Answers:Provider"] = "openai",
        ["OpenAI:ApiKey"] = FakeOpenAIServer.ApiKey,
        ["OpenAI:Endpoint"] = new Uri(server.BaseAddress, "v1").ToString(),
        ["OpenAI:ChatModel"] = "gpt-4.1-mini",
        ["OpenAI:EmbeddingModel"] = "text-embedding-3-small",
    }, extra);

    static Task<ProviderTestHost> AzureHostAsync(FakeOpenAIServer server) => Host(new()
    {
        ["Answers:Provider"] = "azureopenai",
        ["AzureOpenAI:Endpoint"] = server.BaseAddress.ToString(),
        ["AzureOpenAI:ApiKey"] = FakeOpenAIServer.ApiKey,
        ["AzureOpenAI:ChatDeployment"] = "chat-deployment",
        ["AzureOpenAI:EmbeddingDeployment"] = "embedding-deployment",
    }, null);

    static Task<ProviderTestHost> Host(Dictionary<string, string?> settings, Dictionary<string, string?>? extra)
    {
        settings["ProviderHttp:AttemptTimeoutSeconds"] = "2";
        settings["ProviderHttp:TotalTimeoutSeconds"] = "8";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return ProviderTestHost.StartAsync(settings);
    }

    [Fact]
    public async Task OpenAI_IngestAndAnswer_EmbedsPassagesAndAsksTheChatModelWithGroundedPrompt()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);

        var report = await host.IngestSampleAsync();
        var answer = await host.Get<IAnswerService>().AnswerAsync("How do I reset my UPI PIN?", "en-IN", Turn());

        Assert.Equal(report.Chunks, report.EmbeddedChunks);
        Assert.Equal(1, report.EmbeddingRequests);
        Assert.True(answer.Found);
        Assert.Equal(("openai", "gpt-4.1-mini"), (answer.Provider, answer.Model));
        Assert.Equal("You can reset your UPI PIN yourself in your UPI app.", answer.Text);
        Assert.Equal("en/reset-upi-pin", answer.Passages[0].DocumentId);

        var chat = Assert.Single(server.ChatRequests);
        Assert.Equal("/v1/chat/completions", chat.Path);
        Assert.Equal($"Bearer {FakeOpenAIServer.ApiKey}", chat.Headers["Authorization"]);
        var body = JsonNode.Parse(chat.Body)!;
        Assert.Equal("gpt-4.1-mini", body["model"]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("in at most three short sentences", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Reply in English", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[1] Reset or forgot UPI PIN", messages[1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("Caller's question: How do I reset my UPI PIN?", messages[1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        var embeddings = server.EmbeddingRequests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(2, embeddings.Count); // one batch at ingest, one for the question
        Assert.All(embeddings, e => Assert.Equal("text-embedding-3-small", e["model"]!.GetValue<string>()));

        var usages = host.Telemetry.ApiUsages.ToList();
        var chatUsage = Assert.Single(usages, u => u.Service == ApiServices.OpenAIChat);
        Assert.Equal((1200L, 1024L, 42L), (chatUsage.Units.InputTokens, chatUsage.Units.CachedInputTokens, chatUsage.Units.OutputTokens));
        Assert.Equal("gpt-4.1-mini", chatUsage.Model);
        Assert.Equal(2, usages.Count(u => u.Service == ApiServices.OpenAIEmbeddings && u.Success && u.Units.InputTokens > 0));
        var stages = host.Telemetry.Stages.ToList();
        Assert.Equal(("hybrid", "openai", "gpt-4.1-mini"), (stages[0].Provider, stages[1].Provider, stages[1].Model));
    }

    [Fact]
    public async Task OpenAI_HybridRetrieval_UsesCosineAndKeepsScores()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        await host.IngestSampleAsync();

        var results = await host.Get<IRetriever>().RetrieveAsync("someone is asking me for my OTP", "en-IN", 3, Turn());

        Assert.Equal("en/never-share-otp-pin", results[0].DocumentId);
        Assert.All(results, r => Assert.NotNull(r.Cosine));
        Assert.True(results[0].Score > results[^1].Score);
    }

    [Fact]
    public async Task OpenAI_Reingest_MakesNoEmbeddingRequest()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        var ingestor = host.Get<KnowledgeBaseIngestor>();

        await ingestor.IngestAsync(ProviderTestHost.KnowledgeFolder);
        var before = server.EmbeddingRequests.Count();
        var again = await ingestor.IngestAsync(ProviderTestHost.KnowledgeFolder);

        Assert.Equal(before, server.EmbeddingRequests.Count());
        Assert.Equal((0, 0, 40, false), (again.EmbeddedChunks, again.EmbeddingRequests, again.Unchanged, again.IndexWritten));
    }

    [Fact]
    public async Task OpenAI_ModelSaysNoAnswer_IsAPlainIDontKnowInHindi()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        server.Reply = (_, _) => "NO_ANSWER";
        await using var host = await OpenAIHostAsync(server);
        await host.IngestSampleAsync();

        var answer = await host.Get<IAnswerService>().AnswerAsync("यूपीआई लाइट में कितना पैसा रख सकते हैं", "hi-IN", Turn("hi-IN"));

        Assert.False(answer.Found);
        Assert.Equal(AnswerPhrases.DontKnow("hi-IN"), answer.Text);
        Assert.Contains("Reply in Hindi written in Devanagari", JsonNode.Parse(server.ChatRequests.Single().Body)!["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_RepeatedQuestion_IsACacheHitThatCountsTheSavedTokens()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        await host.IngestSampleAsync();
        var service = host.Get<IAnswerService>();

        await service.AnswerAsync("What is UPI Lite?", "en-IN", Turn());
        var again = await service.AnswerAsync("what is upi lite", "en-IN", Turn());

        Assert.True(again.FromCache);
        Assert.Single(server.ChatRequests);
        var hit = host.Telemetry.CacheLookups.Last();
        Assert.Equal((true, ApiServices.OpenAIChat, 1200L, 42L), (hit.Hit, hit.SavedService, hit.SavedUnits!.InputTokens, hit.SavedUnits.OutputTokens));
    }

    [Fact]
    public async Task AzureOpenAI_UsesDeploymentsApiKeyHeaderAndApiVersion()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await AzureHostAsync(server);
        await host.IngestSampleAsync();

        var answer = await host.Get<IAnswerService>().AnswerAsync("Is there a charge for UPI payments?", "en-IN", Turn());

        Assert.True(answer.Found);
        Assert.Equal(("azureopenai", "chat-deployment"), (answer.Provider, answer.Model));
        var chat = Assert.Single(server.ChatRequests);
        Assert.Equal("/openai/deployments/chat-deployment/chat/completions", chat.Path);
        Assert.Contains("api-version=", chat.Query, StringComparison.Ordinal);
        Assert.Equal(FakeOpenAIServer.ApiKey, chat.Headers["api-key"]);
        Assert.All(server.EmbeddingRequests, r => Assert.Equal("/openai/deployments/embedding-deployment/embeddings", r.Path));
        var usage = Assert.Single(host.Telemetry.ApiUsages, u => u.Service == ApiServices.AzureOpenAIChat);
        Assert.Equal((1200L, 1024L, 42L, "chat-deployment"), (usage.Units.InputTokens, usage.Units.CachedInputTokens, usage.Units.OutputTokens, usage.Model));
        Assert.Contains(host.Telemetry.ApiUsages, u => u.Service == ApiServices.AzureOpenAIEmbeddings);
    }

    public static TheoryData<int, string, ErrorCategory, int> Errors => new()
    {
        { 400, FakeOpenAIServer.Error("Invalid value for 'temperature'.", "invalid_request_error"), ErrorCategory.BadRequest, 1 },
        { 401, FakeOpenAIServer.Error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), ErrorCategory.ProviderAuth, 1 },
        { 403, FakeOpenAIServer.Error("Country, region, or territory not supported", "request_forbidden", "unsupported_country_region_territory"), ErrorCategory.ProviderAuth, 1 },
        { 404, FakeOpenAIServer.Error("The model `gpt-4.1-nano` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"), ErrorCategory.BadRequest, 1 },
        { 429, FakeOpenAIServer.Error("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"), ErrorCategory.ProviderQuota, 1 },
        { 500, FakeOpenAIServer.Error("The server had an error while processing your request.", "server_error"), ErrorCategory.ProviderUnavailable, 2 },
        { 503, FakeOpenAIServer.Error("The engine is currently overloaded, please try again later.", "server_error"), ErrorCategory.ProviderUnavailable, 3 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task OpenAI_ChatError_IsClassifiedAndRetriedOnlyWhenRetryable(int status, string body, ErrorCategory expected, int requests)
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server, new() { ["Answers:Provider"] = "openai" });
        await host.IngestSampleAsync();
        var chunks = await host.Get<IRetriever>().RetrieveAsync("reset UPI PIN", "en-IN", 2, Turn());
        server.Enqueue(Enumerable.Repeat(new ScriptedResponse(status, body), 3).ToArray());

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<IAnswerGenerator>().GenerateAsync("How do I reset my UPI PIN?", "en-IN", chunks, Turn()));

        Assert.Equal(expected, error.Category);
        Assert.Equal(requests, server.ChatRequests.Count());
        var usage = Assert.Single(host.Telemetry.ApiUsages, u => u.Service == ApiServices.OpenAIChat);
        Assert.Equal((false, expected, status), (usage.Success, usage.Error, usage.StatusCode));
        Assert.DoesNotContain(FakeOpenAIServer.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_RateLimitedWithRetryAfter_IsRetriedAfterTheWaitThenSucceeds()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        await host.IngestSampleAsync();
        var chunks = await host.Get<IRetriever>().RetrieveAsync("reset UPI PIN", "en-IN", 2, Turn());
        server.Enqueue(new ScriptedResponse(429, FakeOpenAIServer.Error("Rate limit reached for gpt-4.1-mini on requests per min (RPM).", "requests", "rate_limit_exceeded"),
            new Dictionary<string, string> { ["Retry-After"] = "1" }));
        var started = TimeProvider.System.GetTimestamp();

        var answer = await host.Get<IAnswerGenerator>().GenerateAsync("How do I reset my UPI PIN?", "en-IN", chunks, Turn());

        Assert.True(answer.Found);
        Assert.Equal(2, server.ChatRequests.Count());
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.95), "Retry-After was not honoured");
    }

    [Fact]
    public async Task OpenAI_RateLimitedLongerThanWeWait_FailsFastWithRetryAfter()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        server.Enqueue(new ScriptedResponse(429, FakeOpenAIServer.Error("Rate limit reached.", "requests", "rate_limit_exceeded"),
            new Dictionary<string, string> { ["retry-after-ms"] = "20000" }));

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<IAnswerGenerator>().GenerateAsync("Hello?", "en-IN", [new RetrievedChunk("en/x", "en/x#0", "X", "Some text.", "en-IN", 0.9, 5, null)], Turn()));

        Assert.Equal(ErrorCategory.RateLimited, error.Category);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Single(server.ChatRequests);
    }

    [Fact]
    public async Task OpenAI_SlowServer_IsTimeout()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server, new() { ["ProviderHttp:AttemptTimeoutSeconds"] = "1.5", ["ProviderHttp:MaxRetries"] = "1" });
        server.Enqueue(Enumerable.Repeat(new ScriptedResponse(200, "{}", Delay: TimeSpan.FromSeconds(10)), 2).ToArray());

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<IAnswerGenerator>().GenerateAsync("Hello?", "en-IN", [new RetrievedChunk("en/x", "en/x#0", "X", "Some text.", "en-IN", 0.9, 5, null)], Turn()));

        Assert.Equal(ErrorCategory.Timeout, error.Category);
        Assert.Equal(2, server.ChatRequests.Count());
    }

    [Fact]
    public async Task OpenAI_EmbeddingFailureAtQuestionTime_FallsBackToBm25()
    {
        await using var server = await FakeOpenAIServer.StartNewAsync();
        await using var host = await OpenAIHostAsync(server);
        await host.IngestSampleAsync();
        server.Enqueue(new ScriptedResponse(401, FakeOpenAIServer.Error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key")));

        var results = await host.Get<IRetriever>().RetrieveAsync("How do I reset my UPI PIN?", "en-IN", 3, Turn());

        Assert.Equal("en/reset-upi-pin", results[0].DocumentId);
        Assert.All(results, r => Assert.Null(r.Cosine));
        Assert.Contains(host.Telemetry.ApiUsages, u => u.Service == ApiServices.OpenAIEmbeddings && u.Error == ErrorCategory.ProviderAuth);
    }
}
