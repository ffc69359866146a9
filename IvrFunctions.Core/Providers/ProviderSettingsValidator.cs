using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Providers;

/// <summary>Checks the provider tuning settings at start; each failure names its key (called by <see cref="ConfigurationValidator"/>).</summary>
public sealed class ProviderSettingsValidator(
    IOptions<GoogleSpeechOptions> google,
    IOptions<OfflineSpeechOptions> offline,
    IOptions<ProviderHttpOptions> http,
    IOptions<RagOptions> rag,
    IOptions<KnowledgeBaseOptions> knowledge,
    IOptions<CacheOptions> caches)
{
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string section, string key, string rule, object? value)
        {
            if (!ok)
            {
                errors.Add($"{ConfigurationKey.Describe($"{section}:{key}")} {rule}; got '{value}'.");
            }
        }

        var g = google.Value;
        Check(!string.IsNullOrWhiteSpace(g.EnglishVoice), GoogleSpeechOptions.SectionName, nameof(g.EnglishVoice), "must name a Google voice such as en-IN-Wavenet-A", g.EnglishVoice);
        Check(!string.IsNullOrWhiteSpace(g.HindiVoice), GoogleSpeechOptions.SectionName, nameof(g.HindiVoice), "must name a Google voice such as hi-IN-Wavenet-A", g.HindiVoice);
        Check(!string.IsNullOrWhiteSpace(g.EnglishSttModel), GoogleSpeechOptions.SectionName, nameof(g.EnglishSttModel), "must name a recognition model such as telephony", g.EnglishSttModel);
        Check(!string.IsNullOrWhiteSpace(g.HindiSttModel), GoogleSpeechOptions.SectionName, nameof(g.HindiSttModel), "must name a recognition model such as default", g.HindiSttModel);
        Check(g.SpeakingRate is >= 0.25 and <= 2.0, GoogleSpeechOptions.SectionName, nameof(g.SpeakingRate), "must be between 0.25 and 2.0", g.SpeakingRate);
        Check(g.MaxTtsInputBytes is >= 100 and <= 5000, GoogleSpeechOptions.SectionName, nameof(g.MaxTtsInputBytes), "must be between 100 and 5000 (Google's limit)", g.MaxTtsInputBytes);
        Check(g.MaxRecordingSeconds is >= 1 and <= 60, GoogleSpeechOptions.SectionName, nameof(g.MaxRecordingSeconds), "must be between 1 and 60 (synchronous recognize)", g.MaxRecordingSeconds);

        var o = offline.Value;
        Check(o.WordsPerMinute is >= 80 and <= 450, OfflineSpeechOptions.SectionName, nameof(o.WordsPerMinute), "must be between 80 and 450", o.WordsPerMinute);
        Check(o.ToolTimeoutSeconds is >= 1 and <= 300, OfflineSpeechOptions.SectionName, nameof(o.ToolTimeoutSeconds), "must be between 1 and 300", o.ToolTimeoutSeconds);

        var h = http.Value;
        Check(h.AttemptTimeoutSeconds is > 0 and <= 300, ProviderHttpOptions.SectionName, nameof(h.AttemptTimeoutSeconds), "must be between 0 and 300", h.AttemptTimeoutSeconds);
        Check(h.TotalTimeoutSeconds >= h.AttemptTimeoutSeconds && h.TotalTimeoutSeconds <= 600, ProviderHttpOptions.SectionName, nameof(h.TotalTimeoutSeconds),
            "must be at least AttemptTimeoutSeconds and at most 600", h.TotalTimeoutSeconds);
        Check(h.MaxRetries is >= 0 and <= 10, ProviderHttpOptions.SectionName, nameof(h.MaxRetries), "must be between 0 and 10", h.MaxRetries);
        Check(h.BaseDelayMilliseconds is >= 1 and <= 60_000, ProviderHttpOptions.SectionName, nameof(h.BaseDelayMilliseconds), "must be between 1 and 60000", h.BaseDelayMilliseconds);
        Check(h.MaxRetryAfterSeconds is >= 0 and <= 120, ProviderHttpOptions.SectionName, nameof(h.MaxRetryAfterSeconds), "must be between 0 and 120", h.MaxRetryAfterSeconds);

        var r = rag.Value;
        Check(r.TopK is >= 1 and <= 20, RagOptions.SectionName, nameof(r.TopK), "must be between 1 and 20", r.TopK);
        Check(r.MinRelevance is >= 0 and <= 1, RagOptions.SectionName, nameof(r.MinRelevance), "must be between 0 and 1", r.MinRelevance);
        Check(r.VectorWeight is >= 0 and <= 1, RagOptions.SectionName, nameof(r.VectorWeight), "must be between 0 and 1", r.VectorWeight);
        Check(r.MaxAnswerTokens is >= 16 and <= 4096, RagOptions.SectionName, nameof(r.MaxAnswerTokens), "must be between 16 and 4096", r.MaxAnswerTokens);
        Check(r.Temperature is >= 0 and <= 2, RagOptions.SectionName, nameof(r.Temperature), "must be between 0 and 2", r.Temperature);
        Check(r.MaxExtractiveCharacters is >= 40 and <= 2000, RagOptions.SectionName, nameof(r.MaxExtractiveCharacters), "must be between 40 and 2000", r.MaxExtractiveCharacters);

        var k = knowledge.Value;
        Check(IsContainerName(k.Container), KnowledgeBaseOptions.SectionName, nameof(k.Container), "must be a blob container name (3-63 lower-case letters, digits, hyphens)", k.Container);
        Check(!string.IsNullOrWhiteSpace(k.IndexBlob), KnowledgeBaseOptions.SectionName, nameof(k.IndexBlob), "must name a blob", k.IndexBlob);
        Check(k.RefreshSeconds is >= 1 and <= 86_400, KnowledgeBaseOptions.SectionName, nameof(k.RefreshSeconds), "must be between 1 and 86400", k.RefreshSeconds);
        Check(k.ChunkMaxCharacters is >= 100 and <= 8000, KnowledgeBaseOptions.SectionName, nameof(k.ChunkMaxCharacters), "must be between 100 and 8000", k.ChunkMaxCharacters);

        var c = caches.Value;
        Check(IsContainerName(c.AudioContainer), CacheOptions.SectionName, nameof(c.AudioContainer), "must be a blob container name (3-63 lower-case letters, digits, hyphens)", c.AudioContainer);
        Check(c.ResponseTable is { Length: >= 3 and <= 63 } && c.ResponseTable.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(c.ResponseTable[0]),
            CacheOptions.SectionName, nameof(c.ResponseTable), "must be a table name (3-63 letters and digits, starting with a letter)", c.ResponseTable);
        Check(c.ResponseTtlHours > 0, CacheOptions.SectionName, nameof(c.ResponseTtlHours), "must be positive", c.ResponseTtlHours);
        Check(c.MemoryEntries is >= 1 and <= 1_000_000, CacheOptions.SectionName, nameof(c.MemoryEntries), "must be between 1 and 1000000", c.MemoryEntries);
        return errors;
    }

    static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 } && name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
