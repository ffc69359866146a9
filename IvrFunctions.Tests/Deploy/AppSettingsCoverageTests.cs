using System.Text.RegularExpressions;
using IvrFunctions.Core.Configuration;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// The function app's app settings in Bicep and the app's configuration keys agree both ways: every key the app needs
/// is set (a key the options classes declare without a default, see <see cref="ConfigurationKeyCatalog"/>), and every
/// setting names a key the app or the platform reads. A new options key without a default fails here until infra/ sets
/// it or <see cref="DeploymentSettings.NotDeployed"/> says why the deployment leaves it out.
/// </summary>
public sealed partial class AppSettingsCoverageTests
{
    /// <summary>
    /// App settings Flex Consumption rejects (the runtime and scale live in functionAppConfig there), plus a plain
    /// AzureWebJobsStorage connection string, which cannot work with shared-key access off.
    /// </summary>
    static readonly string[] Rejected =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "FUNCTIONS_WORKER_PROCESS_COUNT",
        "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTOVERVNET",
        "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "WEBSITE_DNS_SERVER",
        "WEBSITE_VNET_ROUTE_ALL",
        "AzureWebJobsStorage",
    ];

    static async Task<IReadOnlyList<string>> SettingNamesAsync() =>
        [.. (await DeploymentScenarios.Full()).AppSettings().Select(setting => setting.Name).Distinct(StringComparer.OrdinalIgnoreCase)];

    [Fact]
    public async Task AppSettings_CoverEveryRequiredConfigurationKey()
    {
        var settings = await SettingNamesAsync();

        var missing = ConfigurationKeyCatalog.All
            .Where(entry => !entry.HasDefault && !DeploymentSettings.NotDeployed.ContainsKey(entry.Key))
            .Where(entry => !settings.Any(entry.IsSetBy))
            .Select(entry => $"{entry.Key} ({entry.OptionsType.Name}, no default in code)")
            .ToList();
        var platform = DeploymentSettings.PlatformKeys.Where(key => !settings.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();

        Assert.True(
            missing.Count == 0 && platform.Count == 0,
            "infra/app/api.bicep does not set these app settings the app needs:\n  " + string.Join("\n  ", missing.Concat(platform)) +
            "\nSet them in the appsettings of infra/app/api.bicep (secrets through Key Vault), give the property a default in code, " +
            "or list the key in DeploymentSettings.NotDeployed with the reason the Azure deployment leaves it out.");
    }

    [Fact]
    public async Task AppSettings_EveryName_IsAConfigurationKeyOrPlatformSetting()
    {
        var settings = await SettingNamesAsync();

        var unknown = settings
            .Where(name => !DeploymentSettings.PlatformKeys.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Where(name => !ConfigurationKeyCatalog.All.Any(entry => entry.IsSetBy(name)))
            .ToList();

        Assert.True(
            unknown.Count == 0,
            "App settings in infra/ that no options class (nor DeploymentSettings.PlatformKeys) reads, a typo or a stale key: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task AppSettings_OmitSettingsFlexConsumptionRejects()
    {
        var settings = await SettingNamesAsync();

        Assert.Empty(settings.Intersect(Rejected, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AppSettings_Secrets_AreKeyVaultReferences()
    {
        var secrets = (await DeploymentScenarios.Full()).AppSettings()
            .Where(setting => SecretName().IsMatch(setting.Name))
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, setting => Assert.True(
            IsKeyVaultReference(setting.Value),
            $"{setting.Name} should be @Microsoft.KeyVault(SecretUri=...), not the secret itself."));
    }

    [Fact]
    public async Task AppSettings_MinimalDeployment_LeavesCodeDefaultsAndAzureOpenAIOut()
    {
        // Nothing optional given: keys with defaults in code stay unset, and no Azure OpenAI endpoint is wired.
        var settings = (await DeploymentScenarios.Minimal()).AppSettings().Select(setting => setting.Name).ToList();

        Assert.DoesNotContain(settings, name => name is "OpenAI__ChatModel" or "OpenAI__Endpoint" or "AzureOpenAI__Endpoint");
        Assert.Contains("Exotel__RecordingHosts__0", settings);
        Assert.Contains("Speech__Provider", settings);
    }

    [Fact]
    public void DeploymentSettings_NotDeployedKeys_AreConfigurationKeysLeftUnset()
    {
        foreach (var key in DeploymentSettings.NotDeployed.Keys)
        {
            Assert.True(ConfigurationKeyCatalog.All.Any(entry => entry.Key.Equals(key, StringComparison.OrdinalIgnoreCase)), $"{key} is listed in DeploymentSettings.NotDeployed but no options class declares it.");
        }
    }

    [Fact]
    public async Task DeploymentSettings_NotDeployedKeys_AreNotSetByBicep()
    {
        var settings = await SettingNamesAsync();

        Assert.DoesNotContain(settings, name => DeploymentSettings.NotDeployed.ContainsKey(name));
    }

    static bool IsKeyVaultReference(ArmExpression value) => value switch
    {
        ArmExpression.Text text => text.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
        ArmExpression.Call { Name: "format", Arguments: [ArmExpression.Text format, ..] } =>
            format.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
        _ => false,
    };

    // Settings whose value is a credential (connection strings of App Insights are identifiers, not secrets: local auth is off).
    [GeneratedRegex("(ApiKey|ApiToken|Secret|Password|CredentialsJson|AccountKey|HashKey|SigningKey)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
