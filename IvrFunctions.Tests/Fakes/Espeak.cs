using System.Globalization;
using IvrFunctions.Core.Speech.Offline;

namespace IvrFunctions.Tests.Fakes;

/// <summary>Makes a spoken question: espeak-ng speech resampled by sox to a mono 16-bit WAV (8 kHz as telephone recordings arrive,
/// or 16 kHz wideband). The same text always gives the same bytes: sox dithers when it resamples, with a fresh random seed per
/// run unless told <c>-R</c>, and pocketsphinx misheard about one in ten of those unrepeatable variants once MP3-encoded.</summary>
public static class Espeak
{
    public static async Task<byte[]> SpeakAsync(string text, string voice = "en-us", int sampleRate = 8000, int wordsPerMinute = 130)
    {
        var folder = Directory.CreateTempSubdirectory("ivr-test-speech-");
        try
        {
            var raw = Path.Combine(folder.FullName, "raw.wav");
            var phone = Path.Combine(folder.FullName, "phone.wav");
            await RunAsync("espeak-ng", ["-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", raw, text]);
            await RunAsync("sox", ["-R", raw, "-r", sampleRate.ToString(CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", phone]);
            return await File.ReadAllBytesAsync(phone);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static async Task RunAsync(string tool, string[] arguments)
    {
        var run = await ExternalTool.RunAsync(tool, arguments, tool, TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, $"{tool} failed: {run.StandardError}");
    }
}
