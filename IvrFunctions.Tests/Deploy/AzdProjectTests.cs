using System.Globalization;
using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Deploy;

/// <summary>azure.yaml and host.json: what azd deploys and how the Durable task hub is tuned for short turns.</summary>
public sealed class AzdProjectTests
{
    static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Repository.PathOf("host.json")))!;

    [Fact]
    public void AzureYaml_ApiService_IsTheFunctionsProject()
    {
        var lines = File.ReadAllLines(Repository.PathOf("azure.yaml")).Select(line => line.Trim()).ToList();

        var api = lines.IndexOf("api:");
        Assert.True(api >= 0, "azure.yaml should declare the service 'api'.");
        var service = lines.Skip(api + 1).Take(3).ToList();
        Assert.Contains("project: ./IvrFunctions", service);
        Assert.Contains("language: dotnet", service);
        Assert.Contains("host: function", service);
        Assert.True(File.Exists(Repository.PathOf("IvrFunctions", "IvrFunctions.csproj")));
    }

    [Fact]
    public void AzureYaml_Hooks_HaveAPosixAndAWindowsScriptThatExist()
    {
        var text = File.ReadAllText(Repository.PathOf("azure.yaml"));

        foreach (var hook in new[] { "preprovision", "postprovision", "postdeploy" })
        {
            Assert.Contains($"{hook}:", text, StringComparison.Ordinal);
            Assert.Contains($"run: ./scripts/{hook}.sh", text, StringComparison.Ordinal);
            Assert.Contains($"run: ./scripts/{hook}.ps1", text, StringComparison.Ordinal);
            Assert.True(File.Exists(Repository.PathOf("scripts", $"{hook}.sh")));
            Assert.True(File.Exists(Repository.PathOf("scripts", $"{hook}.ps1")));
        }
    }

    [Fact]
    public void HostJson_RoutePrefix_IsApi() =>
        Assert.Equal("api", HostJson()["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());

    [Fact]
    public void HostJson_DurableQueuePolling_IsAtMostTwoSecondsInsideStorageProvider()
    {
        var durable = HostJson()["extensions"]!["durableTask"]!;

        // Outside storageProvider the setting is ignored and the 30 s default applies (azure-functions-durable-extension#1314).
        Assert.Null(durable["maxQueuePollingInterval"]);
        var interval = TimeSpan.Parse(durable["storageProvider"]!["maxQueuePollingInterval"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void HostJson_DurableTaskHub_IsNamedAndBounded()
    {
        var durable = HostJson()["extensions"]!["durableTask"]!;

        var hub = durable["hubName"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub);
        Assert.InRange(durable["storageProvider"]!["partitionCount"]!.GetValue<int>(), 1, 16);
        Assert.InRange(durable["maxConcurrentActivityFunctions"]!.GetValue<int>(), 1, 100);
        Assert.InRange(durable["maxConcurrentOrchestratorFunctions"]!.GetValue<int>(), 1, 100);
    }
}
