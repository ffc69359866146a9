using System.Security.Cryptography;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Security;

/// <summary>
/// In Development, an unset <c>Ivr:FunctionKey</c> is filled from a key file in the user's local data folder,
/// generated (and printed once) on the first start.
/// </summary>
sealed class DevelopmentKeyStore(IHostEnvironment environment, ILogger<DevelopmentKeyStore> logger) : IPostConfigureOptions<IvrOptions>
{
    public static string KeyFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "IvrFunctions", "selfhost.key");

    readonly Lock _gate = new();
    string? _key;

    public void PostConfigure(string? name, IvrOptions options)
    {
        if (!environment.IsDevelopment() || !string.IsNullOrWhiteSpace(options.FunctionKey))
        {
            return;
        }

        // Options are built more than once per process (IOptions and IOptionsMonitor cache separately): load or generate once.
        lock (_gate)
        {
            options.FunctionKey = _key ??= LoadOrGenerate();
        }
    }

    string LoadOrGenerate()
    {
        if (File.Exists(KeyFile))
        {
            logger.LogInformation("Using the SelfHost function key stored in {KeyFile} (pass it as ?code= or the x-functions-key header)", KeyFile);
            return File.ReadAllText(KeyFile).Trim();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        File.WriteAllText(KeyFile, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Printed once, on generation, so the person running the host can copy it; later starts only name the file.
        Console.WriteLine($"SelfHost function key (generated now, stored in {KeyFile}): {key}");
        return key;
    }
}
