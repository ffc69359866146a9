using System.Net;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Foundation;

/// <summary>The first-run experience of <c>dotnet run</c>: Azurite started for you, a key generated once, both cleaned up on exit.</summary>
public sealed class SelfHostDevelopmentTests : IDisposable
{
    readonly string _dataHome = Directory.CreateTempSubdirectory("ivr-dev-").FullName;

    Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["XDG_DATA_HOME"] = _dataHome,
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };

    [Fact]
    public async Task DevelopmentRun_StartsAzuriteAndGeneratesKeyOnce_StopsAzuriteOnExit()
    {
        var azuriteAlreadyRunning = await AzuriteProcess.IsListeningAsync(10000) || await AzuriteProcess.IsListeningAsync(10002);
        var port = AzuriteProcess.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        await using (var first = SelfHostProcess.Start(Environment(), $"--urls=http://127.0.0.1:{port}"))
        {
            await first.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
            var keyFile = Path.Combine(_dataHome, "IvrFunctions", "selfhost.key");
            var key = File.ReadAllText(keyFile).Trim();
            Assert.True(key.Length >= 32);
            Assert.Contains($"SelfHost function key (generated now, stored in {keyFile}): {key}", first.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Using the SelfHost function key stored in", first.StandardOutput, StringComparison.Ordinal);
            if (!azuriteAlreadyRunning)
            {
                Assert.Contains($"starting Azurite, data in {Path.Combine(_dataHome, "IvrFunctions", "azurite")}", first.StandardOutput, StringComparison.Ordinal);
            }

            var health = await WaitForHealthyAsync(http, TimeSpan.FromSeconds(60));
            Assert.True(health.IsSuccessStatusCode, $"health stayed {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/info?code={key}")).StatusCode);

            await first.StopGracefullyAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, first.ExitCode);
        }

        Assert.Equal(azuriteAlreadyRunning, await AzuriteProcess.IsListeningAsync(10000));

        await using var second = SelfHostProcess.Start(Environment(), $"--urls=http://127.0.0.1:{port}");
        await second.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
        Assert.DoesNotContain("generated now", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Using the SelfHost function key stored in", second.StandardOutput, StringComparison.Ordinal);
    }

    // A freshly started Azurite on a loaded machine may miss the health probe's short bound once; health then recovers.
    static async Task<HttpResponseMessage> WaitForHealthyAsync(HttpClient http, TimeSpan bound)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await http.GetAsync("/api/health");
            if (response.StatusCode == HttpStatusCode.OK || watch.Elapsed > bound)
            {
                return response;
            }

            await Task.Delay(500);
        }
    }

    public void Dispose() => Directory.Delete(_dataHome, recursive: true);
}
