using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrFunctions.SelfHost.Azurite;

/// <summary>One running Azurite (blob, queue, table) on loopback. Disposing stops it and everything it started.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(60);

    readonly Process _process;
    readonly StringBuilder _output = new();

    AzuriteProcess(Process process, AzuriteSettings settings)
    {
        _process = process;
        Settings = settings;
    }

    public AzuriteSettings Settings { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    // Runs Azurite inside a node process that exits when the process that started it is gone, so a test run or a host
    // that dies without disposing (vstest skips ProcessExit handlers) never leaves an orphaned Azurite behind.
    const string ExitWithParentScript =
        "const [parent, entry, ...args] = process.argv.slice(1);" +
        "process.argv = [process.argv[0], entry, ...args];" +
        "setInterval(() => { try { process.kill(Number(parent), 0); } catch { process.exit(0); } }, 1000);" +
        "require(entry);";

    /// <summary>Starts Azurite and returns once all three services accept connections.</summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteSettings settings, Action<string>? report = null, CancellationToken cancellationToken = default)
    {
        var entryPoint = AzuriteLocator.FindEntryPoint(report);
        var arguments = new List<string>
        {
            "-e", ExitWithParentScript, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entryPoint,
            "--silent", "--loose", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", settings.BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", settings.QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", settings.TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (settings.Https is { } https)
        {
            arguments.AddRange(["--cert", https.CertificatePath, "--key", https.KeyPath]);
            if (https.OAuth)
            {
                arguments.AddRange(["--oauth", "basic"]);
            }
        }

        if (settings.InMemory)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(settings.DataFolder!);
            arguments.AddRange(["--location", settings.DataFolder!]);
        }

        var start = new ProcessStartInfo("node", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started for Azurite.");
        var azurite = new AzuriteProcess(process, settings);
        process.OutputDataReceived += (_, e) => azurite.Append(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await azurite.WaitUntilListeningAsync(cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when something accepts TCP connections on the port at 127.0.0.1.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A port on 127.0.0.1 that nothing listened on a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        int[] ports = [Settings.BlobPort, Settings.QueuePort, Settings.TablePort];
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting: {Output}");
            }

            var listening = true;
            foreach (var port in ports)
            {
                listening &= await IsListeningAsync(port, cancellationToken);
            }

            if (listening)
            {
                return;
            }

            if (deadline.Elapsed > StartupBound)
            {
                throw new TimeoutException($"Azurite did not listen on ports {string.Join(", ", ports)} within {StartupBound.TotalSeconds:0} s: {Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Trim();
            }
        }
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited && !Settings.InMemory && !OperatingSystem.IsWindows())
            {
                // Ask first (SIGTERM): Azurite then saves its metadata database; a kill loses the last seconds of writes.
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // Still running: killed below.
                }
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or refusing to die: nothing more to do from here.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
