using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Speech;

/// <summary>The audio cache over real Azurite with the offline engine: a repeated answer is not synthesized again.</summary>
public sealed class AudioCacheTests
{
    static readonly TelemetryContext Turn = new("call-audio", "turn-1", "en-IN");

    [Fact]
    public async Task SameText_SecondTime_IsACacheHitOnTheSameBlob()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var synthesizer = host.Get<IAnswerAudioSynthesizer>();

        var first = await synthesizer.SynthesizeAsync("Call 1930 to report a fraud.", "en-IN", Turn);
        var second = await synthesizer.SynthesizeAsync("  Call 1930 to report a fraud. ", "en-IN", Turn);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal((first.Container, first.BlobName, first.Duration), (second.Container, second.BlobName, second.Duration));
        Assert.Equal(host.Settings["Caches:AudioContainer"], first.Container);
        Assert.Equal([false, true], host.Telemetry.CacheLookups.Select(l => l.Hit));
        Assert.All(host.Telemetry.CacheLookups, l => Assert.Equal(CacheKinds.Audio, l.Kind));
    }

    [Fact]
    public async Task CachedBlob_SeenByAnotherProcess_IsAHitWithItsDuration()
    {
        await using var first = await ProviderTestHost.StartAsync();
        var made = await first.Get<IAnswerAudioSynthesizer>().SynthesizeAsync("Never share your PIN.", "en-IN", Turn);
        await using var second = await ProviderTestHost.StartAsync(new Dictionary<string, string?> { ["Caches:AudioContainer"] = made.Container });

        var again = await second.Get<IAnswerAudioSynthesizer>().SynthesizeAsync("Never share your PIN.", "en-IN", Turn);

        Assert.True(again.FromCache);
        Assert.Equal(made.BlobName, again.BlobName);
        Assert.Equal(made.Duration.TotalMilliseconds, again.Duration.TotalMilliseconds, 1.0);
        var hit = Assert.Single(second.Telemetry.CacheLookups);
        Assert.True(hit.Hit);
        Assert.Null(hit.SavedService); // offline synthesis costs nothing, so nothing billable was saved
    }

    [Fact]
    public async Task SameTextOtherLanguage_UsesAnotherVoiceAndMisses()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var synthesizer = host.Get<IAnswerAudioSynthesizer>();

        var english = await synthesizer.SynthesizeAsync("UPI 123PAY", "en-IN", Turn);
        var hindi = await synthesizer.SynthesizeAsync("UPI 123PAY", "hi-IN", Turn);

        Assert.NotEqual(english.BlobName, hindi.BlobName);
        Assert.False(hindi.FromCache);
        Assert.Equal(("espeak-ng:en-us", "espeak-ng:hi"), (english.Voice, hindi.Voice));
    }
}
