using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// The output of <c>bicep snapshot</c>: the resources a deployment would create, with everything known offline evaluated
/// (names, parameter-driven values, loops) and runtime values (reference(), secure parameters) left as expressions.
/// </summary>
sealed class DeploymentSnapshot(JsonObject snapshot)
{
    public IReadOnlyList<JsonObject> Resources { get; } =
        [.. snapshot["predictedResources"]!.AsArray().Select(resource => resource!.AsObject())];

    public JsonObject Outputs => snapshot["outputs"]?.AsObject() ?? [];

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type} in the deployment, found {matches.Count}.");
    }

    /// <summary>
    /// Every app setting the function app's <c>appsettings</c> config can set (any branch of a conditional), with the
    /// expression of its value.
    /// </summary>
    public IReadOnlyList<(string Name, ArmExpression Value)> AppSettings()
    {
        var config = OfType("Microsoft.Web/sites/config")
            .SingleOrDefault(resource => ((string?)resource["name"])?.EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase) == true)
            ?? throw new InvalidOperationException("The deployment has no Microsoft.Web/sites/config 'appsettings' resource.");
        return config["properties"] switch
        {
            JsonObject settings => [.. settings.Select(pair => (pair.Key, ArmExpression.ParseValue(pair.Value?.ToString() ?? "")))],
            JsonValue expression when expression.TryGetValue<string>(out var text) => [.. ArmExpression.ParseValue(text).ObjectEntries()],
            _ => throw new InvalidOperationException("The appsettings resource's properties are neither an object nor an expression."),
        };
    }
}
