using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// infra/main.bicep as azd sees it: compiled with the Bicep CLI, its parameters resolved from infra/main.parameters.json
/// the way azd substitutes <c>${VAR}</c> / <c>${VAR=default}</c> from the environment, written out as a .bicepparam for
/// <c>bicep build-params</c> and <c>bicep snapshot</c> (which evaluates the deployment offline).
/// </summary>
static partial class DeploymentTemplate
{
    public static string MainBicep => Repository.PathOf("infra", "main.bicep");

    public static string ParametersFile => Repository.PathOf("infra", "main.parameters.json");

    public static string Config => Repository.PathOf("infra", "bicepconfig.json");

    /// <summary>
    /// What <c>azd env</c> holds on a first <c>azd up</c> with nothing else set, once the preprovision hook has generated
    /// its two keys (64 hex characters each, like <c>openssl rand -hex 32</c>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> MinimalEnvironment = new Dictionary<string, string>
    {
        ["AZURE_ENV_NAME"] = "ivr-ci",
        ["AZURE_LOCATION"] = "centralindia",
        ["AZURE_PRINCIPAL_ID"] = "11111111-2222-3333-4444-555555555555",
        ["IVR_CALLER_HASH_KEY"] = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        ["IVR_AUDIO_SIGNING_KEY"] = "a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796",
    };

    static readonly Lazy<Task<JsonObject>> CompiledTemplate = new(async () =>
    {
        var result = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {result}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    });

    public static Task<JsonObject> CompileAsync() => CompiledTemplate.Value;

    /// <summary>The parameter values azd would pass: main.parameters.json after substitution, converted to the declared types.</summary>
    public static async Task<Dictionary<string, JsonNode?>> ResolveParametersAsync(IReadOnlyDictionary<string, string> environment)
    {
        var declared = (await CompileAsync())["parameters"]!.AsObject();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(ParametersFile))!["parameters"]!.AsObject();
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, entry) in file)
        {
            var type = declared[name]?["type"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"main.parameters.json sets '{name}', which main.bicep does not declare.");
            var raw = entry!["value"];
            values[name] = raw is JsonValue value && value.TryGetValue<string>(out var text)
                ? Convert(name, Substitute(text, environment), type)
                : raw?.DeepClone();
        }

        return values;
    }

    /// <summary>Writes a .bicepparam that uses main.bicep with these values, in a fresh folder under the test output.</summary>
    public static async Task<string> WriteBicepParamAsync(string name, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "deploy-checks", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var relative = Path.GetRelativePath(folder, MainBicep).Replace('\\', '/');
        var text = new StringBuilder().Append("using '").Append(relative).Append("'\n\n");
        foreach (var (parameter, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("param ").Append(parameter).Append(" = ").Append(ToBicep(value)).Append('\n');
        }

        var path = Path.Combine(folder, $"{name}.bicepparam");
        await File.WriteAllTextAsync(path, text.ToString());
        return path;
    }

    /// <summary>Evaluates the deployment offline for these parameter values.</summary>
    public static async Task<DeploymentSnapshot> SnapshotAsync(string name, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var parameters = await WriteBicepParamAsync(name, values);
        var result = await BicepCli.RunAsync(
            "snapshot", parameters, "--mode", "overwrite", "--config", Config,
            "--subscription-id", "00000000-0000-0000-0000-00000000aaaa",
            "--tenant-id", "00000000-0000-0000-0000-00000000bbbb",
            "--location", values["location"]!.GetValue<string>(),
            "--deployment-name", "azd-ci");
        var output = Path.ChangeExtension(parameters, ".snapshot.json");
        if (result.ExitCode != 0 || result.Diagnostics.Count > 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"bicep snapshot failed: {result}");
        }

        var snapshot = new DeploymentSnapshot(JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject());
        Directory.Delete(Path.GetDirectoryName(parameters)!, recursive: true);
        return snapshot;
    }

    static string Substitute(string text, IReadOnlyDictionary<string, string> environment) =>
        Placeholder().Replace(text, match =>
            environment.TryGetValue(match.Groups["name"].Value, out var value) ? value
            : match.Groups["default"].Success ? match.Groups["default"].Value
            : "");

    static JsonNode? Convert(string name, string text, string type) => type.ToLowerInvariant() switch
    {
        "string" or "securestring" => JsonValue.Create(text),
        "int" => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : throw new FormatException($"Parameter '{name}' is an int but resolves to '{text}'."),
        "bool" => bool.TryParse(text, out var flag)
            ? JsonValue.Create(flag)
            : throw new FormatException($"Parameter '{name}' is a bool but resolves to '{text}'."),
        _ => JsonNode.Parse(text),
    };

    static string ToBicep(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => "[\n" + string.Concat(array.Select(item => "  " + ToBicep(item) + "\n")) + "]",
        JsonObject obj => "{\n" + string.Concat(obj.Select(pair => $"  {PropertyName(pair.Key)}: {ToBicep(pair.Value)}\n")) + "}",
        JsonValue value when value.TryGetValue<string>(out var text) => $"'{Escape(text)}'",
        _ => node.ToJsonString(),
    };

    // Identifiers unquoted, as the linter's prefer-unquoted-property-names asks (Prices__Rows__0__Service: ...).
    static string PropertyName(string key) => Identifier().IsMatch(key) ? key : $"'{Escape(key)}'";

    static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("'", "\\'", StringComparison.Ordinal)
        .Replace("${", "\\${", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(=(?<default>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
