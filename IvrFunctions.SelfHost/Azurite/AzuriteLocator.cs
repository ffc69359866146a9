using System.Diagnostics;

namespace IvrFunctions.SelfHost.Azurite;

/// <summary>
/// Finds the Azurite pinned in the repository's package.json (node_modules/azurite), installing it with
/// <c>npm ci</c> when the repository has not been set up yet.
/// </summary>
public static class AzuriteLocator
{
    const string EntryPoint = "node_modules/azurite/dist/src/azurite.js";

    public static string FindEntryPoint(Action<string>? report = null)
    {
        var root = FindRepositoryRoot()
            ?? throw new InvalidOperationException(
                "Azurite not found: no package.json pinning azurite above " + AppContext.BaseDirectory +
                ". Start Azurite yourself or set AzureWebJobsStorage to a real storage account.");
        var entry = Path.Combine(root, EntryPoint);
        if (File.Exists(entry))
        {
            return entry;
        }

        report?.Invoke($"Installing the pinned Azurite with 'npm ci' in {root} (first run only)...");
        RunNpmCi(root);
        return File.Exists(entry)
            ? entry
            : throw new InvalidOperationException($"'npm ci' in {root} finished but {EntryPoint} is still missing.");
    }

    /// <summary>The nearest folder, from the working directory or the app's folder upwards, whose package.json pins azurite.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var manifest = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    static void RunNpmCi(string root)
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("npm is not installed: install Node.js 20 or later to run Azurite.", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed in {root} (exit {process.ExitCode}): {stderr.Result.Trim()}");
            }
        }
    }
}
