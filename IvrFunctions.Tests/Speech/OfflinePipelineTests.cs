using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Speech.Offline;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Answers;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Speech;

/// <summary>The offline providers end to end: a question spoken by espeak-ng, transcribed by pocketsphinx, answered from the
/// sample knowledge base, and synthesized back to an 8 kHz WAV in Blob storage.</summary>
public sealed class OfflinePipelineTests(SampleKnowledgeBaseFixture kb) : IClassFixture<SampleKnowledgeBaseFixture>
{
    static readonly TelemetryContext Turn = new("call-offline", "turn-1", "en-IN");

    [Fact]
    public void OfflineTools_AreInstalledOnThisMachine()
    {
        Assert.Null(kb.Host.Get<OfflineToolCheck>().DescribeMissing());
        Assert.Equal(ProviderNames.Offline, kb.Host.Get<ActiveProviders>().Speech);
        Assert.Equal(ProviderNames.Offline, kb.Host.Get<ActiveProviders>().Answers);
    }

    // pocketsphinx's en-us acoustic model is wideband: espeak-ng questions are spoken at 16 kHz here. On 8 kHz telephone audio
    // it recognises far less (see the test below and the README); production speech goes to Google.
    [Theory]
    [InlineData("My phone was stolen", new[] { "phone", "stolen" }, "en/lost-phone", "block")]
    public async Task SpokenQuestion_TranscribedAnsweredAndSynthesized_ProducesTelephoneWav(string question, string[] keyWords, string document, string answerWord)
    {
        var recording = await Espeak.SpeakAsync(question, sampleRate: 16000);

        var transcription = await kb.Host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(recording, "audio/wav"), "en-IN", Turn);

        Assert.Equal(ProviderNames.Offline, transcription.Provider);
        Assert.Equal("pocketsphinx-en-us+kb", transcription.Model);
        var words = transcription.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(keyWords.All(words.Contains), $"transcript '{transcription.Text}' lacks the question's key words");

        var answer = await kb.Host.Get<IAnswerService>().AnswerAsync(transcription.Text, "en-IN", Turn);

        Assert.True(answer.Found, answer.Text);
        Assert.Contains(answer.Passages.Take(3), p => p.DocumentId == document);
        Assert.Contains(answerWord, answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(answer.Text.Length <= 320, answer.Text);

        var audio = await kb.Host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync(answer.Text, "en-IN", Turn);

        Assert.False(audio.FromCache);
        var blob = await kb.Host.Get<StorageAccount>().Container(audio.Container).GetBlobClient(audio.BlobName).DownloadContentAsync();
        var bytes = blob.Value.Content.ToArray();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        var format = WavAudio.Parse(bytes);
        Assert.Equal((1, 1, 8000, 16), (format.FormatTag, format.Channels, format.SampleRate, format.BitsPerSample));
        Assert.Equal(8000 * 2, BitConverter.ToInt32(bytes, 28)); // byte rate
        Assert.InRange(format.Duration.TotalSeconds, 3, 40);
        Assert.Equal(format.Duration.TotalMilliseconds, audio.Duration.TotalMilliseconds, 1.0);
        Assert.Equal("audio/wav", blob.Value.Details.ContentType);
    }

    [Fact]
    public async Task Mp3Recording_IsDecodedByFfmpegAndRecognised()
    {
        var wav = await Espeak.SpeakAsync("My phone was stolen", sampleRate: 16000);
        var folder = Directory.CreateTempSubdirectory("ivr-test-mp3-");
        try
        {
            var input = Path.Combine(folder.FullName, "q.wav");
            var output = Path.Combine(folder.FullName, "q.mp3");
            await File.WriteAllBytesAsync(input, wav);
            var run = await ExternalTool.RunAsync("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-i", input, "-b:a", "64k", output], "ffmpeg", TimeSpan.FromSeconds(30));
            Assert.Equal(0, run.ExitCode);

            var transcription = await kb.Host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(await File.ReadAllBytesAsync(output), "audio/mpeg"), "en-IN", Turn);

            Assert.Contains("stolen", transcription.Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TelephoneRecording8kHz_IsDecodedAndRecognised()
    {
        var recording = await Espeak.SpeakAsync("My phone was stolen", sampleRate: 8000);

        var transcription = await kb.Host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(recording, "audio/wav"), "en-IN", Turn);

        Assert.False(string.IsNullOrWhiteSpace(transcription.Text));
        Assert.Null(transcription.BilledDuration);
    }

    [Fact]
    public async Task HindiAnswer_SynthesizedOffline_IsTelephoneWav()
    {
        var audio = await kb.Host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync("आप अपना UPI पिन खुद अपने UPI ऐप में रीसेट कर सकते हैं।", "hi-IN", Turn);

        var bytes = (await kb.Host.Get<StorageAccount>().Container(audio.Container).GetBlobClient(audio.BlobName).DownloadContentAsync()).Value.Content.ToArray();
        Assert.True(WavAudio.Parse(bytes).IsTelephonyPcm);
        Assert.Equal("espeak-ng:hi", audio.Voice);
        Assert.True(audio.Duration > TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task HindiRecording_Offline_FailsClearlyAsEnglishOnly()
    {
        var recording = await Espeak.SpeakAsync("नमस्ते", "hi");

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            kb.Host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(recording, "audio/wav"), "hi-IN", Turn));

        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Contains("English only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAudio_Offline_IsAudioFormatError()
    {
        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            kb.Host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio("<html>not found</html>"u8.ToArray(), "text/html"), "en-IN", Turn));

        Assert.Equal(ErrorCategory.AudioFormat, error.Category);
    }

    [Fact]
    public async Task MissingTool_IsConfigurationErrorNamingTheAptPackage()
    {
        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            ExternalTool.RunAsync("espeak-ng-not-installed", ["--version"], "espeak-ng", TimeSpan.FromSeconds(5)));

        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Contains("apt-get install -y espeak-ng", error.Message, StringComparison.Ordinal);
    }
}
