using System.Diagnostics;
using System.Text;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>The SelfHost as a separate process, started the way <c>dotnet run</c> would, for start-up and shutdown behaviour.</summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _stdout = new();
    readonly StringBuilder _stderr = new();

    SelfHostProcess(Process process) => _process = process;

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SelfHostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IvrFunctions.SelfHost.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new SelfHostProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (host._stdout) { host._stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (host._stderr) { host._stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (!StandardOutput.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"SelfHost exited ({_process.ExitCode}) before printing '{text}'.\n{StandardOutput}\n{StandardError}");
            }

            if (watch.Elapsed > bound)
            {
                throw new TimeoutException($"SelfHost did not print '{text}' within {bound}.\n{StandardOutput}\n{StandardError}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Asks the host to stop as Ctrl+C or a service manager would (SIGTERM), and waits for it.</summary>
    public async Task StopGracefullyAsync(TimeSpan bound)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(bound);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopGracefullyAsync(TimeSpan.FromSeconds(15));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
