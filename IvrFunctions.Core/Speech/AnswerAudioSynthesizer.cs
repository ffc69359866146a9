using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech;

/// <summary>
/// TTS through the audio cache: the blob name is a hash of text, voice and format, so a repeated answer costs no TTS call.
/// Blobs live in <see cref="CacheOptions.AudioContainer"/>; a bounded in-process map avoids even the existence check on hot answers.
/// When storage comes back empty (<see cref="StorageProvisioner.Generation"/> changes) that map and the container are forgotten.
/// </summary>
public sealed class AnswerAudioSynthesizer : IAnswerAudioSynthesizer, IDisposable
{
    const string Format = "wav-8000-mono-s16";

    readonly ITextToSpeechEngine _engine;
    readonly StorageAccount _storage;
    readonly StorageGuard _guard;
    readonly StorageProvisioner _provisioner;
    readonly IOptions<CacheOptions> _options;
    readonly ITelemetry _telemetry;
    readonly MemoryCache _memory;
    readonly SemaphoreSlim _createGate = new(1, 1);
    bool _containerReady;
    int _generation;

    public AnswerAudioSynthesizer(
        ITextToSpeechEngine engine, StorageAccount storage, StorageGuard guard, StorageProvisioner provisioner, IOptions<CacheOptions> options, ITelemetry telemetry)
    {
        _engine = engine;
        _storage = storage;
        _guard = guard;
        _provisioner = provisioner;
        _generation = provisioner.Generation;
        _options = options;
        _telemetry = telemetry;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MemoryEntries) });
    }

    public async Task<AnswerAudio> SynthesizeAsync(string text, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ClassifiedException(ErrorCategory.BadRequest, "Nothing to synthesize: the answer text is empty.");
        }

        var clean = text.Trim().Normalize(NormalizationForm.FormC);
        var voice = _engine.VoiceFor(language);
        var blobName = BlobName(_engine.Provider, voice.Name, clean);
        var container = _options.Value.AudioContainer;
        var saved = new UsageUnits(Characters: clean.EnumerateRunes().Count(), VoiceClass: voice.VoiceClass);
        var savedService = _engine.Provider == ProviderNames.Google ? ApiServices.GoogleTts : null;

        ForgetIfStorageReset();
        if (_memory.TryGetValue(blobName, out TimeSpan known))
        {
            _telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, context, savedService, saved));
            return new AnswerAudio(container, blobName, known, voice.Name, true);
        }

        var blob = _storage.Container(container).GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var duration = properties.Value.Metadata.TryGetValue("durationms", out var ms) && double.TryParse(ms, CultureInfo.InvariantCulture, out var value)
                ? TimeSpan.FromMilliseconds(value)
                : TimeSpan.Zero;
            _memory.Set(blobName, duration, new MemoryCacheEntryOptions { Size = 1 });
            _telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, context, savedService, saved));
            return new AnswerAudio(container, blobName, duration, voice.Name, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, false, context));
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            throw StorageFailures.Classify("Audio cache lookup", ex);
        }

        var wav = await _engine.SynthesizeAsync(clean, language, voice, context, cancellationToken);
        var format = WavAudio.Parse(wav);
        if (!format.IsTelephonyPcm)
        {
            throw new ClassifiedException(ErrorCategory.AudioFormat, $"{_engine.Provider} returned {format.SampleRate} Hz, {format.Channels} channel(s), {format.BitsPerSample} bits; expected 8 kHz mono 16-bit.");
        }

        await _guard.RunAsync("Answer audio upload", async () =>
        {
            ForgetIfStorageReset();
            await EnsureContainerAsync(cancellationToken);
            await blob.UploadAsync(new BinaryData(wav), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = WavAudio.ContentType },
                Metadata = new Dictionary<string, string>
                {
                    ["voice"] = voice.Name,
                    ["provider"] = _engine.Provider,
                    ["durationms"] = format.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
                    ["characters"] = saved.Characters!.Value.ToString(CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }, cancellationToken);

        _memory.Set(blobName, format.Duration, new MemoryCacheEntryOptions { Size = 1 });
        return new AnswerAudio(container, blobName, format.Duration, voice.Name, false);
    }

    public static string BlobName(string provider, string voice, string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{provider}\n{voice}\n{Format}\n{text}")));
        return $"{provider}/{hash[..2]}/{hash}.wav";
    }

    void ForgetIfStorageReset()
    {
        var current = _provisioner.Generation;
        if (Interlocked.Exchange(ref _generation, current) != current)
        {
            // Storage came back without its containers: the blobs this process knew of are gone, and so may be the container.
            _memory.Clear();
            _containerReady = false;
        }
    }

    async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (!_containerReady)
            {
                try
                {
                    await _storage.Container(_options.Value.AudioContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // Created by another instance meanwhile.
                }

                _containerReady = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }

    public void Dispose()
    {
        _memory.Dispose();
        _createGate.Dispose();
    }
}
