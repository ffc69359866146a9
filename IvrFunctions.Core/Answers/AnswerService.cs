using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers;

/// <summary>
/// Question → answer: the response cache first; on a miss, retrieval (stage <c>retrieval</c>) and, when a passage is relevant
/// enough, generation (stage <c>llm</c>); otherwise a plain "I don't know" in the caller's language with no model call.
/// </summary>
public sealed class AnswerService(
    IRetriever retriever,
    IAnswerGenerator generator,
    ResponseCache cache,
    ITelemetry telemetry,
    IOptions<RagOptions> options,
    TimeProvider time) : IAnswerService
{
    public async Task<Answer> AnswerAsync(string question, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(QuestionNormalizer.Normalize(question ?? "")))
        {
            throw new ClassifiedException(ErrorCategory.EmptyTranscript, "The question is empty.");
        }

        var version = await retriever.GetKnowledgeBaseVersionAsync(cancellationToken);
        var key = ResponseCache.Key(question!, language, version, generator.Provider, generator.Model);
        var cached = await cache.GetAsync(key, language, cancellationToken);
        telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Response, cached is not null, context,
            cached?.Usage is null ? null : ChatService(cached.Provider), cached?.Usage));
        if (cached is not null)
        {
            return new Answer(cached.Text, cached.Found, cached.Passages, true, cached.Provider, cached.Model);
        }

        var settings = options.Value;
        IReadOnlyList<RetrievedChunk> retrieved;
        using (var stage = telemetry.StartStage(StageNames.Retrieval, context))
        {
            stage.SetProvider(retriever.Name);
            try
            {
                retrieved = await retriever.RetrieveAsync(question!, language, settings.TopK, context, cancellationToken);
                stage.Succeed();
            }
            catch (ClassifiedException ex)
            {
                stage.Fail(ex.Category, ex.Message);
                throw;
            }
        }

        var relevant = retrieved.Where(c => c.Score >= settings.MinRelevance).ToList();
        GeneratedAnswer generated;
        if (relevant.Count == 0)
        {
            generated = new GeneratedAnswer(AnswerPhrases.DontKnow(language), false, null);
        }
        else
        {
            using var stage = telemetry.StartStage(StageNames.Llm, context);
            stage.SetProvider(generator.Provider, generator.Model);
            try
            {
                generated = await generator.GenerateAsync(question!, language, relevant, context, cancellationToken);
                stage.Succeed();
            }
            catch (ClassifiedException ex)
            {
                stage.Fail(ex.Category, ex.Message);
                throw;
            }
        }

        var passages = retrieved.Select(c => c.ToPassage()).ToList();
        var answer = new Answer(generated.Text, generated.Found, passages, false, generator.Provider, generator.Model);
        await cache.SetAsync(key, language, new CachedAnswer(answer.Text, answer.Found, passages, answer.Provider, answer.Model, generated.Usage,
            time.GetUtcNow()), cancellationToken);
        return answer;
    }

    static string? ChatService(string provider) => provider switch
    {
        ProviderNames.OpenAI => ApiServices.OpenAIChat,
        ProviderNames.AzureOpenAI => ApiServices.AzureOpenAIChat,
        _ => null,
    };
}
