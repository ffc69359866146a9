using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Speech.Offline;

/// <summary>Runs a command-line tool with an argument list (never a shell), a time bound and captured output; a missing tool
/// becomes a <see cref="ErrorCategory.Configuration"/> error naming the apt package.</summary>
public static class ExternalTool
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string aptPackage, TimeSpan timeout,
        string? standardInput = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        if (standardInput is not null)
        {
            start.StandardInputEncoding = Utf8;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{fileName} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new ClassifiedException(ErrorCategory.Configuration,
                $"{fileName} is not installed or not on PATH: install the apt package {aptPackage} (sudo apt-get install -y {aptPackage}).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new ClassifiedException(ErrorCategory.Timeout, $"{fileName} did not finish within {timeout.TotalSeconds:0} s.");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>The full path of <paramref name="fileName"/> (as given if it has a directory part), or null when it is not found.</summary>
    public static string? Locate(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? fileName : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
