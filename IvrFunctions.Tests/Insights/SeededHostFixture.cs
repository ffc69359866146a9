using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Tests.Insights;

/// <summary>
/// One host seeded once, through the real capture API and flusher, with two hours of calls (08:00–09:58 UTC), read by the
/// endpoint tests. Every expectation is computed from <see cref="Seeded"/>, never from the API under test.
/// </summary>
public sealed class SeededHostFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    public const int Calls = 30;

    internal InsightsHost Host { get; private set; } = null!;

    internal List<SeededRecord> Seeded { get; private set; } = [];

    /// <summary>Costs as stored on each usage record (priced at ingestion), read back from the records table.</summary>
    internal List<(DateTimeOffset Timestamp, string Service, double Cost)> StoredCosts { get; } = [];

    public async Task InitializeAsync()
    {
        Host = await InsightsHost.StartAsync(Start);
        var seed = Host.Seeder();
        for (var i = 0; i < Calls; i++)
        {
            var call = $"call-{i:D2}";
            var caller = $"+9198765432{i:D2}";
            var start = Start.AddMinutes(4 * i).AddSeconds(7);
            await seed.CallStartedAsync(start, call, caller);
            var turns = i % 2 == 0 ? 2 : 1;
            var allOk = true;
            var at = start.AddSeconds(2);
            for (var t = 0; t < turns; t++)
            {
                var turnId = $"{call}-t{t}";
                var ok = (i + t) % 7 != 3;
                allOk &= ok;
                var end = seed.Turn(at, call, turnId, 300 + (i * 97 + t * 13) % 2500, 800 + (i * 131 + t * 17) % 3200, 250 + (i * 71 + t * 29) % 2100, ok);
                seed.Usage(end, ApiServices.GoogleStt, 400 + i, new UsageUnits(AudioSeconds: 5 + (i % 10)), callSid: call);
                seed.Usage(end, ApiServices.OpenAIChat, 900 + i, new UsageUnits(InputTokens: 1000 + (i * 10), CachedInputTokens: 200, OutputTokens: 150), "gpt-4.1-mini", callSid: call);
                seed.Usage(end, ApiServices.GoogleTts, 300 + i, new UsageUnits(Characters: 100 + i, VoiceClass: "standard"), success: ok, callSid: call);
                seed.Cache(end, CacheKinds.Response, i % 3 == 0, call);
                seed.Cache(end, CacheKinds.Audio, (i + t) % 2 == 0, call);
                if (!ok)
                {
                    seed.Error(end, ErrorCategory.ProviderUnavailable, StageNames.Tts, turnId, "google", "503 from texttospeech");
                }

                if ((i + t) % 5 == 4)
                {
                    seed.Error(end, ErrorCategory.RateLimited, StageNames.Rag, turnId, "openai", "429 from chat");
                }

                at = end.AddSeconds(20);
            }

            await seed.CallEndedAsync(start.AddSeconds(120), call, caller, 120, turns, allOk);
            if (i == 14)
            {
                // A webhook stage ending exactly on the 09:00 boundary: it belongs to [09:00, ...), not to the hour before.
                seed.Stage(new DateTimeOffset(2026, 11, 24, 8, 59, 59, 900, TimeSpan.Zero), StageNames.Webhook, 100);
            }
        }

        Host.Time.SetUtcNow(Now);
        await Host.FlushAsync();
        Seeded = seed.Seeded;

        var reader = Host.Get<TelemetryReader>();
        await foreach (var record in reader.ReadRecordsAsync(TelemetryRecordKind.Usage, Start, Now))
        {
            StoredCosts.Add((record.Timestamp, record.Component, record.CostUsd ?? 0));
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
