using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// The posix azd hooks, run with <c>sh</c> in a scratch copy of the repository layout against a fake <c>az</c> that logs
/// its arguments (and what an upload-batch would send), so the uploads and printed URLs are checked without Azure, and a
/// fake <c>azd</c> whose environment is a NAME=value file, so the preprovision hook's generated keys are checked too.
/// </summary>
public sealed class HookScriptTests : IDisposable
{
    const string AppUrl = "https://func-test123.azurewebsites.net";

    // Logs every call; records the files an upload-batch sends; fails the first upload when AZ_FAIL_FIRST_UPLOAD is set.
    const string FakeAz = """
        #!/bin/sh
        echo "$*" >> "$AZ_LOG"
        case "$*" in
          *upload-batch*)
            if [ -n "${AZ_FAIL_FIRST_UPLOAD:-}" ] && [ ! -f "$AZ_LOG.failed" ]; then
              touch "$AZ_LOG.failed"; echo "AuthorizationPermissionMismatch" >&2; exit 1
            fi
            src=""; dest=""; prev=""
            for a in "$@"; do
              [ "$prev" = "--source" ] && src="$a"
              [ "$prev" = "--destination" ] && dest="$a"
              prev="$a"
            done
            (cd "$src" && find . -type f | sort | sed "s|^|$dest |") >> "$AZ_LOG.files"
            [ -f "$src/config.json" ] && cp "$src/config.json" "$AZ_LOG.config.json"
            ;;
          "functionapp keys list"*) echo "fake-function-key" ;;
        esac
        exit 0
        """;

    // `azd env get-value NAME` / `azd env set NAME VALUE` against the NAME=value file $AZD_ENV_FILE (like .azure/<env>/.env);
    // logs the command and the name only. `env set` fails when AZD_FAIL_SET is set.
    const string FakeAzd = """
        #!/bin/sh
        mkdir -p "$(dirname "$AZD_ENV_FILE")" && touch "$AZD_ENV_FILE"
        case "$1 $2" in
          "env get-value")
            echo "env get-value $3" >> "$AZD_LOG"
            line=$(grep "^$3=" "$AZD_ENV_FILE" | tail -n 1)
            if [ -z "$line" ]; then echo "ERROR: key '$3' not found in the environment values" >&2; exit 1; fi
            printf '%s\n' "${line#*=}"
            ;;
          "env set")
            echo "env set $3" >> "$AZD_LOG"
            [ -n "${AZD_FAIL_SET:-}" ] && { echo "ERROR: failed saving the environment" >&2; exit 1; }
            grep -v "^$3=" "$AZD_ENV_FILE" > "$AZD_ENV_FILE.new" || true
            printf '%s=%s\n' "$3" "$4" >> "$AZD_ENV_FILE.new"
            mv "$AZD_ENV_FILE.new" "$AZD_ENV_FILE"
            ;;
          *) echo "fake azd: unexpected: $*" >&2; exit 2 ;;
        esac
        """;

    static readonly string[] GeneratedKeys = ["IVR_CALLER_HASH_KEY", "IVR_AUDIO_SIGNING_KEY"];

    readonly string _root = Path.Combine(Path.GetTempPath(), $"ivr-hooks-{Guid.NewGuid():N}");

    public HookScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "scripts"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        foreach (var script in new[] { "preprovision.sh", "postprovision.sh", "postdeploy.sh" })
        {
            File.Copy(Repository.PathOf("scripts", script), Path.Combine(_root, "scripts", script));
        }

        foreach (var (name, text) in new[] { ("az", FakeAz), ("azd", FakeAzd) })
        {
            var tool = Path.Combine(_root, "bin", name);
            File.WriteAllText(tool, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    string Log => Path.Combine(_root, "az.log");

    string AzdLog => Path.Combine(_root, "azd.log");

    string AzdEnvFile => Path.Combine(_root, ".azure", "ci", ".env");

    Dictionary<string, string> AzdEnvironment() =>
        File.Exists(AzdEnvFile)
            ? File.ReadAllLines(AzdEnvFile).Select(line => line.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1])
            : [];

    IReadOnlyList<string> AzdSets() =>
        File.Exists(AzdLog) ? [.. File.ReadAllLines(AzdLog).Where(line => line.StartsWith("env set ", StringComparison.Ordinal))] : [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    void AddFile(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    async Task<(int ExitCode, string Output)> RunAsync(string script, Dictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(_root, "scripts", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        start.Environment["PATH"] = Path.Combine(_root, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AZ_LOG"] = Log;
        start.Environment["AZD_LOG"] = AzdLog;
        start.Environment["AZD_ENV_FILE"] = AzdEnvFile;
        foreach (var key in GeneratedKeys)
        {
            start.Environment.Remove(key); // as azd hands a hook an environment without them; a test may add them below
        }

        start.Environment["AZURE_STORAGE_ACCOUNT_NAME"] = "sttest123";
        start.Environment["AZURE_FUNCTION_APP_URL"] = AppUrl;
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-test123";
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
        start.Environment["AZURE_KNOWLEDGE_BASE_CONTAINER"] = "knowledge-base";
        start.Environment["DASHBOARD_URL"] = "https://sttest123.z29.web.core.windows.net/";
        start.Environment["HOOK_RETRY_SECONDS"] = "0";
        foreach (var (key, value) in extra ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    IReadOnlyList<string> Uploaded() => File.Exists(Log + ".files") ? File.ReadAllLines(Log + ".files") : [];

    [Fact]
    public async Task Postprovision_WithDashboardAndKnowledgeBase_UploadsBothWithGeneratedConfig()
    {
        AddFile("dashboard/index.html", "<!doctype html>");
        AddFile("dashboard/js/app.js", "// app");
        AddFile("dashboard/package.json", "{}");
        AddFile("dashboard/package-lock.json", "{}");
        AddFile("dashboard/vendor.mjs", "// vendoring script");
        AddFile("dashboard/node_modules/chart.js/package.json", "{}");
        AddFile("knowledge-base/faq.md", "# FAQ");

        var (exit, output) = await RunAsync("postprovision.sh");

        Assert.True(exit == 0, output);
        var config = JsonNode.Parse(File.ReadAllText(Log + ".config.json"))!;
        Assert.Equal($"{AppUrl}/api", config["apiBaseUrl"]!.GetValue<string>());
        Assert.Equal(["$web ./config.json", "$web ./index.html", "$web ./js/app.js", "knowledge-base ./faq.md"], Uploaded().Order(StringComparer.Ordinal));
        var storageCalls = File.ReadAllLines(Log).Where(line => line.StartsWith("storage ", StringComparison.Ordinal)).ToList();
        Assert.Contains(storageCalls, line => line.Contains("--static-website --index-document index.html --404-document index.html", StringComparison.Ordinal));
        Assert.All(storageCalls, line => Assert.Contains("--auth-mode login", line, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_root, "dashboard", "config.json")), "config.json is generated in a scratch folder, not in dashboard/.");
    }

    [Fact]
    public async Task Postprovision_WithoutDashboardOrKnowledgeBase_UploadsConfigOnly()
    {
        var (exit, output) = await RunAsync("postprovision.sh");

        Assert.True(exit == 0, output);
        Assert.Equal(["$web ./config.json"], Uploaded());
        Assert.Contains("no knowledge-base/ folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postprovision_UploadRefusedOnce_RetriesAndSucceeds()
    {
        var (exit, output) = await RunAsync("postprovision.sh", new() { ["AZ_FAIL_FIRST_UPLOAD"] = "1" });

        Assert.True(exit == 0, output);
        Assert.Contains("retrying", output, StringComparison.Ordinal);
        Assert.Equal(["$web ./config.json"], Uploaded());
    }

    [Fact]
    public async Task Postprovision_OutsideAzd_StopsNamingTheMissingValue()
    {
        var (exit, output) = await RunAsync("postprovision.sh", new() { ["AZURE_STORAGE_ACCOUNT_NAME"] = "" });

        Assert.NotEqual(0, exit);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", output, StringComparison.Ordinal);
        Assert.Empty(Uploaded());
    }

    [Fact]
    public async Task Preprovision_NewEnvironment_GeneratesBothKeysOnce_AndKeepsThemOnTheNextRun()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(AzdEnvFile)!);

        var (exit, output) = await RunAsync("preprovision.sh");

        Assert.True(exit == 0, output);
        var generated = AzdEnvironment();
        Assert.All(GeneratedKeys, key => Assert.Matches("^[0-9a-f]{64}$", generated[key]));
        Assert.NotEqual(generated["IVR_CALLER_HASH_KEY"], generated["IVR_AUDIO_SIGNING_KEY"]);
        Assert.All(generated.Values, value => Assert.DoesNotContain(value, output, StringComparison.Ordinal));
        Assert.Equal(["env set IVR_CALLER_HASH_KEY", "env set IVR_AUDIO_SIGNING_KEY"], AzdSets());

        // The next azd up / azd provision: the values come back from the environment and are not replaced.
        File.Delete(AzdLog);
        var (again, secondOutput) = await RunAsync("preprovision.sh");

        Assert.True(again == 0, secondOutput);
        Assert.Empty(AzdSets());
        Assert.Equal(generated, AzdEnvironment());
        Assert.Contains("IVR_CALLER_HASH_KEY is set in the azd environment; keeping it", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preprovision_KeysHandedInByAzd_AreKeptAsTheyAre()
    {
        // azd passes the environment's values to hooks as variables (and a CI pipeline passes its secrets the same way).
        var given = new Dictionary<string, string>
        {
            ["IVR_CALLER_HASH_KEY"] = "caller-hash-key-from-the-pipeline-secrets",
            ["IVR_AUDIO_SIGNING_KEY"] = "audio-signing-key-from-the-pipeline-secrets-0123",
        };

        var (exit, output) = await RunAsync("preprovision.sh", given);

        Assert.True(exit == 0, output);
        Assert.Empty(AzdSets());
        Assert.Empty(AzdEnvironment());
    }

    [Fact]
    public async Task Preprovision_EmptiedKey_IsGeneratedAgain_TheOtherKept()
    {
        // Rotation as README describes it: azd env set IVR_AUDIO_SIGNING_KEY '' then azd provision.
        const string CallerHashKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        Directory.CreateDirectory(Path.GetDirectoryName(AzdEnvFile)!);
        File.WriteAllLines(AzdEnvFile, [$"IVR_CALLER_HASH_KEY={CallerHashKey}", "IVR_AUDIO_SIGNING_KEY="]);

        var (exit, output) = await RunAsync("preprovision.sh", new() { ["IVR_AUDIO_SIGNING_KEY"] = "" });

        Assert.True(exit == 0, output);
        Assert.Equal(["env set IVR_AUDIO_SIGNING_KEY"], AzdSets());
        var environment = AzdEnvironment();
        Assert.Equal(CallerHashKey, environment["IVR_CALLER_HASH_KEY"]);
        Assert.Matches("^[0-9a-f]{64}$", environment["IVR_AUDIO_SIGNING_KEY"]);
    }

    [Fact]
    public async Task Preprovision_AzdEnvSetFails_StopsNamingTheKey()
    {
        var (exit, output) = await RunAsync("preprovision.sh", new() { ["AZD_FAIL_SET"] = "1" });

        Assert.NotEqual(0, exit);
        Assert.Contains("azd env set IVR_CALLER_HASH_KEY failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postdeploy_PrintsTheFiveExotelUrlsWithTheFunctionKey()
    {
        var (exit, output) = await RunAsync("postdeploy.sh");

        Assert.True(exit == 0, output);
        foreach (var route in new[] { "incoming", "question", "answer-ready", "answer", "status" })
        {
            Assert.Contains($"{AppUrl}/api/exotel/{route}?code=fake-function-key", output, StringComparison.Ordinal);
        }

        Assert.Contains("functionapp keys list --resource-group rg-test --name func-test123 --query functionKeys.default", File.ReadAllText(Log), StringComparison.Ordinal);
    }
}
