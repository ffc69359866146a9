using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Deploy;

/// <summary>infra/ compiles with the pinned Bicep CLI, offline, and a warning fails like an error.</summary>
public sealed class BicepBuildTests
{
    [Fact]
    public async Task BicepBuild_MainTemplate_CompilesWithoutWarnings()
    {
        var result = await BicepCli.RunAsync("build", DeploymentTemplate.MainBicep, "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, "bicep build reported:\n" + string.Join('\n', result.Diagnostics));
        Assert.NotNull(JsonNode.Parse(result.StandardOutput)?["resources"]);
    }

    [Fact]
    public async Task BicepBuildParams_ParametersFileAsAzdResolvesIt_CompilesWithoutWarnings()
    {
        var values = await DeploymentTemplate.ResolveParametersAsync(DeploymentTemplate.MinimalEnvironment);
        var parameters = await DeploymentTemplate.WriteBicepParamAsync("azd", values);

        var result = await BicepCli.RunAsync("build-params", parameters, "--stdout", "--config", DeploymentTemplate.Config);
        Directory.Delete(Path.GetDirectoryName(parameters)!, recursive: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, "bicep build-params reported:\n" + string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public async Task ParametersFile_EveryParameterWithoutDefault_IsMappedFromTheAzdEnvironment()
    {
        var declared = (await DeploymentTemplate.CompileAsync())["parameters"]!.AsObject();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(DeploymentTemplate.ParametersFile))!["parameters"]!.AsObject();

        var unmapped = declared.Where(pair => pair.Value!["defaultValue"] is null && !file.ContainsKey(pair.Key)).Select(pair => pair.Key).ToList();

        Assert.True(unmapped.Count == 0, "main.bicep parameters without a default that main.parameters.json does not set: " + string.Join(", ", unmapped));
        Assert.All(
            new[] { "environmentName", "location", "principalId" },
            name => Assert.True(file.ContainsKey(name), $"main.parameters.json should map {name} from the azd environment."));
    }
}
