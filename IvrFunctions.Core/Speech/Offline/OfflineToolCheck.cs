using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech.Offline;

/// <summary>Which offline speech tools are present, checked at start when offline speech is active, so a missing one is a clear
/// log line naming the apt package rather than a failure deep inside a call.</summary>
public sealed class OfflineToolCheck(IOptions<OfflineSpeechOptions> options)
{
    public sealed record Tool(string Purpose, string Path, string AptPackage, bool Found);

    public IReadOnlyList<Tool> Check()
    {
        var o = options.Value;
        return
        [
            new("text-to-speech", o.EspeakPath, "espeak-ng", ExternalTool.Locate(o.EspeakPath) is not null),
            new("audio resampling", o.SoxPath, "sox", ExternalTool.Locate(o.SoxPath) is not null),
            new("recording decoding", o.FfmpegPath, "ffmpeg", ExternalTool.Locate(o.FfmpegPath) is not null),
            new("speech-to-text", o.PocketSphinxPath, "pocketsphinx", ExternalTool.Locate(o.PocketSphinxPath) is not null),
            new("speech-to-text model", o.PocketSphinxModelFolder, "pocketsphinx-en-us",
                Directory.Exists(System.IO.Path.Combine(o.PocketSphinxModelFolder, "en-us"))),
        ];
    }

    /// <summary>One line naming every missing tool and the apt command that installs them, or null when all are present.</summary>
    public string? DescribeMissing()
    {
        var missing = Check().Where(t => !t.Found).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var packages = string.Join(' ', missing.Select(t => t.AptPackage).Distinct());
        return $"Offline speech tools missing: {string.Join(", ", missing.Select(t => $"{t.Path} ({t.Purpose})"))}. Install them with: sudo apt-get install -y {packages}";
    }
}
