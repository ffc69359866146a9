using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Privacy;

/// <summary>
/// In Development an unset <c>Telemetry:CallerHashKey</c> is read from (or generated once into) a key file in the user's
/// local data folder, beside the SelfHost's function key, so hashes stay stable across restarts. The key is never logged.
/// </summary>
sealed class DevelopmentCallerHashKey(IHostEnvironment environment, ILogger<DevelopmentCallerHashKey> logger) : IPostConfigureOptions<TelemetryOptions>
{
    public static string KeyFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "IvrFunctions", "caller-hash.key");

    public void PostConfigure(string? name, TelemetryOptions options)
    {
        if (!environment.IsDevelopment() || !string.IsNullOrWhiteSpace(options.CallerHashKey))
        {
            return;
        }

        if (File.Exists(KeyFile))
        {
            options.CallerHashKey = File.ReadAllText(KeyFile).Trim();
            return;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        File.WriteAllText(KeyFile, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        options.CallerHashKey = key;
        logger.LogInformation("Generated a caller-number hash key for Development in {KeyFile}", KeyFile);
    }
}
