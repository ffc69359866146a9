using System.Text;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.Offline;

/// <summary>The offline answer: the best passage, cut to its first sentences so it is short enough to speak.</summary>
public sealed class ExtractiveAnswerGenerator(IOptions<RagOptions> options) : IAnswerGenerator
{
    public string Provider => ProviderNames.Offline;

    public string? Model => "extractive";

    public Task<GeneratedAnswer> GenerateAsync(string question, string language, IReadOnlyList<RetrievedChunk> passages, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        if (passages.Count == 0)
        {
            return Task.FromResult(new GeneratedAnswer(AnswerPhrases.DontKnow(language), false, null));
        }

        return Task.FromResult(new GeneratedAnswer(Shorten(passages[0].Text, options.Value.MaxExtractiveCharacters), true, null));
    }

    /// <summary>Whole sentences up to <paramref name="maxCharacters"/> (at least one, cut at a word if it alone is longer), at most three.</summary>
    public static string Shorten(string text, int maxCharacters)
    {
        var answer = new StringBuilder();
        var sentences = 0;
        foreach (var sentence in SentencesOf(text))
        {
            if (sentences == 3 || (answer.Length > 0 && answer.Length + 1 + sentence.Length > maxCharacters))
            {
                break;
            }

            answer.Append(answer.Length > 0 ? " " : "").Append(sentence);
            sentences++;
        }

        if (answer.Length > maxCharacters)
        {
            var cut = answer.ToString(0, maxCharacters);
            var space = cut.LastIndexOf(' ');
            return (space > maxCharacters / 2 ? cut[..space] : cut).TrimEnd(',', ';', ' ') + "…";
        }

        return answer.ToString();
    }

    static IEnumerable<string> SentencesOf(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c is '।' or '!' or '?' || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))) && i + 1 > start)
            {
                yield return text[start..(i + 1)].Trim();
                start = i + 1;
            }
        }

        if (start < text.Length && text[start..].Trim().Length > 0)
        {
            yield return text[start..].Trim();
        }
    }
}
