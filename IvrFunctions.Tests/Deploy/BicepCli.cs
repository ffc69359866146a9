using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// Runs the Bicep CLI. It comes from the Azure.Bicep.CommandLine.linux-x64 package the test project restores (its path is
/// baked in as assembly metadata); elsewhere from BICEP_PATH, <c>bicep</c> on PATH or the Azure CLI's copy.
/// </summary>
static class BicepCli
{
    static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    static readonly Lazy<string> ExecutablePath = new(Locate);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Diagnostic lines (warnings and errors, linter rules included) the CLI printed.</summary>
        public IReadOnlyList<string> Diagnostics =>
        [
            .. (StandardError + "\n" + StandardOutput)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Contains(": Warning ", StringComparison.Ordinal) || line.Contains(": Error ", StringComparison.Ordinal)),
        ];

        public override string ToString() => $"exit {ExitCode}\n{StandardError}\n{StandardOutput}";
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath.Value, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within {Bound}.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    static string Locate()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("BICEP_PATH"),
            typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BicepPath")?.Value,
        };
        var names = OperatingSystem.IsWindows() ? new[] { "bicep.exe" } : ["bicep"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.AddRange(names.Select(name => Path.Combine(dir, name)));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        candidates.AddRange(names.Select(name => Path.Combine(home, ".azure", "bin", name)));

        var found = candidates.FirstOrDefault(path => !string.IsNullOrWhiteSpace(path) && File.Exists(path));
        if (found is null)
        {
            var tried = new StringBuilder();
            foreach (var path in candidates.Where(p => !string.IsNullOrWhiteSpace(p)).Take(4))
            {
                tried.Append("\n  ").Append(path);
            }

            throw new InvalidOperationException(
                "Bicep CLI not found. On linux-x64 it is restored with the test project (Azure.Bicep.CommandLine.linux-x64); " +
                "elsewhere install it (az bicep install) or set BICEP_PATH. Tried:" + tried);
        }

        // NuGet does not always keep the executable bit of files it extracts.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(found);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(found, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return found;
    }
}
