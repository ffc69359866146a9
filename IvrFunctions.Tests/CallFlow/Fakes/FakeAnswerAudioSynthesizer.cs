using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>
/// Test double of our <see cref="IAnswerAudioSynthesizer"/> that stores a real 8 kHz WAV in the answers container,
/// one blob per distinct text (like the audio cache): the second turn with the same answer shares the blob.
/// </summary>
public sealed class FakeAnswerAudioSynthesizer(StorageAccount storage) : IAnswerAudioSynthesizer
{
    public FakeBehaviour Behaviour { get; } = new();

    /// <summary>Runs once the audio is stored, before the result is returned (to hold a turn between its upload and Finish).</summary>
    public FakeBehaviour AfterStored { get; } = new();

    public async Task<AnswerAudio> SynthesizeAsync(string text, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await Behaviour.RunAsync(cancellationToken);
        var name = $"cache/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(language + text)))[..24]}.wav";
        var container = storage.Container(StorageNames.AnswersContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(name);
        var fromCache = (await blob.ExistsAsync(cancellationToken)).Value;
        if (!fromCache)
        {
            await blob.UploadAsync(new BinaryData(TestAudio.Wav(0.5)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" } }, cancellationToken);
        }

        await AfterStored.RunAsync(cancellationToken);
        return new AnswerAudio(StorageNames.AnswersContainer, name, TimeSpan.FromSeconds(0.5), "fake-voice", fromCache);
    }
}
