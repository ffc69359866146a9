using System.Diagnostics;

namespace IvrFunctions.Tests.Fakes;

/// <summary>Recordings in the formats Exotel may hand over, made with ffmpeg and sox.</summary>
public static class TestAudio
{
    public static byte[] Pcm8kWav(double seconds = 1) => FakeGoogleServer.ToneWav((int)(8000 * seconds));

    public static Task<byte[]> MuLawWavAsync() => MakeAsync("mu.wav", "sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8", "{out}", "synth", "1", "sine", "440");

    public static Task<byte[]> Mp3Async() =>
        MakeAsync("tone.mp3", "ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ar", "8000", "-ac", "1", "{out}");

    static async Task<byte[]> MakeAsync(string name, string tool, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("ivr-test-audio-");
        try
        {
            var output = Path.Combine(folder.FullName, name);
            using var process = Process.Start(new ProcessStartInfo(tool, arguments.Select(a => a == "{out}" ? output : a)) { RedirectStandardError = true, UseShellExecute = false })!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
