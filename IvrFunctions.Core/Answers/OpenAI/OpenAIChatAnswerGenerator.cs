using System.Text;
using global::OpenAI.Chat;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.OpenAI;

/// <summary>
/// The spoken answer from a chat model, grounded in the retrieved passages: at most three short sentences in the caller's
/// language, or the marker <c>NO_ANSWER</c> when the passages do not answer it (then a plain "I don't know"). Usage
/// (input, cached input, output tokens) is read from the response.
/// </summary>
public sealed class OpenAIChatAnswerGenerator(OpenAIConnection connection, ITelemetry telemetry, IOptions<RagOptions> options, TimeProvider time) : IAnswerGenerator
{
    public const string NoAnswerMarker = "NO_ANSWER";

    public string Provider => connection.Provider;

    public string? Model => connection.ChatModel;

    public static string SystemPrompt(string language) =>
        $"""
        You are the voice of a telephone helpline. Answer the caller's question using only the numbered passages the user message gives.
        Reply in {AnswerPhrases.LanguageName(language)}{(AnswerPhrases.IsHindi(language) ? " written in Devanagari script" : "")}, in at most three short sentences that sound natural read aloud:
        no lists, no markdown, no links unless the caller needs one from the passages, numbers written the way they are spoken.
        If the passages do not contain the answer, reply with exactly {NoAnswerMarker} and nothing else. Never invent facts.
        """;

    public static string UserPrompt(string question, IReadOnlyList<RetrievedChunk> passages)
    {
        var text = new StringBuilder("Passages:\n");
        for (var i = 0; i < passages.Count; i++)
        {
            text.Append('[').Append(i + 1).Append("] ").Append(passages[i].Title).Append('\n').Append(passages[i].Text).Append("\n\n");
        }

        return text.Append("Caller's question: ").Append(question).ToString();
    }

    public async Task<GeneratedAnswer> GenerateAsync(string question, string language, IReadOnlyList<RetrievedChunk> passages, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var chatOptions = new ChatCompletionOptions { MaxOutputTokenCount = settings.MaxAnswerTokens, Temperature = (float)settings.Temperature };
        ChatMessage[] messages = [new SystemChatMessage(SystemPrompt(language)), new UserChatMessage(UserPrompt(question, passages))];
        var started = time.GetTimestamp();
        try
        {
            var result = await connection.Chat.CompleteChatAsync(messages, chatOptions, cancellationToken);
            var completion = result.Value;
            var usage = new UsageUnits(
                InputTokens: completion.Usage?.InputTokenCount,
                CachedInputTokens: completion.Usage?.InputTokenDetails?.CachedTokenCount ?? 0,
                OutputTokens: completion.Usage?.OutputTokenCount);
            telemetry.RecordApiUsage(new ApiUsage(connection.ChatService, context, true, time.GetElapsedTime(started), usage, connection.ChatModel,
                StatusCode: result.GetRawResponse().Status));
            var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text)).Trim();
            return text.Length == 0 || text.Contains(NoAnswerMarker, StringComparison.Ordinal)
                ? new GeneratedAnswer(AnswerPhrases.DontKnow(language), false, usage)
                : new GeneratedAnswer(text, true, usage);
        }
        catch (Exception ex) when (connection.Classify(ex, cancellationToken, out var status) is { } classified)
        {
            telemetry.RecordApiUsage(new ApiUsage(connection.ChatService, context, false, time.GetElapsedTime(started), new UsageUnits(),
                connection.ChatModel, classified.Category, status));
            throw classified;
        }
    }
}
