using System.Reflection;
using System.Text.Json.Nodes;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Deploy;

/// <summary>The evaluated deployment has the shape the architecture asks for (checked on <c>bicep snapshot</c> output).</summary>
public sealed class InfrastructureTemplateTests
{
    static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public async Task FunctionApp_RunsDotnet10IsolatedOnFlexConsumption()
    {
        var snapshot = await DeploymentScenarios.Minimal();
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        var site = snapshot.Single("Microsoft.Web/sites");

        Assert.Equal("FC1", Text(plan["sku"]?["name"]));
        Assert.Equal("FlexConsumption", Text(plan["sku"]?["tier"]));
        Assert.True(plan["properties"]?["reserved"]?.GetValue<bool>(), "Flex Consumption plans are Linux (reserved: true).");
        Assert.Equal("functionapp,linux", Text(site["kind"]));
        Assert.Equal("api", Text(site["tags"]?["azd-service-name"]));
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", Text(config["runtime"]?["name"]));
        Assert.Equal("10.0", Text(config["runtime"]?["version"]));
    }

    [Fact]
    public async Task FunctionApp_KeepsOneDurableInstanceAlwaysReady()
    {
        var site = (await DeploymentScenarios.Minimal()).Single("Microsoft.Web/sites");

        var alwaysReady = site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.AsArray();

        var durable = Assert.Single(alwaysReady, group => Text(group?["name"]) == "durable");
        Assert.Equal(1, durable!["instanceCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task FunctionApp_UsesItsManagedIdentityForDeploymentAndKeyVault()
    {
        var site = (await DeploymentScenarios.Minimal()).Single("Microsoft.Web/sites");
        var identityId = Assert.Single(site["identity"]!["userAssignedIdentities"]!.AsObject()).Key;

        var deployment = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", Text(deployment["type"]));
        Assert.Equal("UserAssignedIdentity", Text(deployment["authentication"]?["type"]));
        Assert.Equal(identityId, Text(deployment["authentication"]?["userAssignedIdentityResourceId"]));
        Assert.Equal(identityId, Text(site["properties"]!["keyVaultReferenceIdentity"]));
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FunctionApp_CorsAllowsTheDashboardOriginWithoutTrailingSlash()
    {
        var site = (await DeploymentScenarios.Minimal()).Single("Microsoft.Web/sites");

        var origin = Text(site["properties"]!["siteConfig"]!["cors"]!["allowedOrigins"]![0])!;

        // Runtime value: scheme and host of the account's web endpoint, rebuilt without the endpoint's trailing '/'.
        var expression = Assert.IsType<ArmExpression.Call>(ArmExpression.ParseValue(origin));
        Assert.Equal("format", expression.Name);
        Assert.Equal("{0}//{1}", Assert.IsType<ArmExpression.Text>(expression.Arguments[0]).Value);
        Assert.Contains(expression.Descendants(), node => node is ArmExpression.Member { Name: "web" });
    }

    [Fact]
    public async Task Storage_UsesIdentityOnlyAndServesTheStaticWebsite()
    {
        var snapshot = await DeploymentScenarios.Minimal();
        var account = snapshot.Single("Microsoft.Storage/storageAccounts");
        var blobService = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices");

        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(blobService["properties"]!["staticWebsite"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("index.html", Text(blobService["properties"]!["staticWebsite"]!["indexDocument"]));
        var containers = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => Text(c["name"])).ToList();
        Assert.Contains(containers, name => name!.Contains("/app-package-", StringComparison.Ordinal));
        Assert.Contains(containers, name => name!.EndsWith("/knowledge-base", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplicationInsights_AcceptsOnlyEntraAuthenticatedTelemetry()
    {
        var snapshot = await DeploymentScenarios.Minimal();

        var insights = snapshot.Single("Microsoft.Insights/components");

        Assert.True(insights["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(insights["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public async Task KeyVault_IsRbacModeAndCreatesProviderSecretsOnlyWhenGiven()
    {
        var snapshot = await DeploymentScenarios.Minimal();

        var vault = snapshot.Single("Microsoft.KeyVault/vaults");
        var secrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets").ToList();

        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal(8, secrets.Count);
        var generated = new[] { "/telemetry-caller-hash-key", "/audio-signing-key" };
        var provider = secrets.Where(secret => !generated.Any(name => Text(secret["name"])!.EndsWith(name, StringComparison.Ordinal))).ToList();
        Assert.Equal(6, provider.Count);
        Assert.All(provider, secret => Assert.StartsWith("[not(empty(parameters(", Text(secret["condition"]), StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyVault_AlwaysHoldsTheGeneratedKeys_ReferencedFromTheAppSettings()
    {
        var snapshot = await DeploymentScenarios.Minimal();

        foreach (var (secretName, setting) in new[] { ("telemetry-caller-hash-key", "Telemetry__CallerHashKey"), ("audio-signing-key", "Audio__SigningKey") })
        {
            var secret = Assert.Single(snapshot.OfType("Microsoft.KeyVault/vaults/secrets"), s => Text(s["name"])!.EndsWith("/" + secretName, StringComparison.Ordinal));
            Assert.Null(secret["condition"]);

            // A Key Vault reference to the versionless URI of that very secret.
            var value = Assert.Single(snapshot.AppSettings(), s => s.Name == setting).Value;
            var format = Assert.IsType<ArmExpression.Call>(value);
            Assert.StartsWith("@Microsoft.KeyVault(SecretUri=", Assert.IsType<ArmExpression.Text>(format.Arguments[0]).Value, StringComparison.Ordinal);
            Assert.Contains(format.Descendants(), node => node is ArmExpression.Member { Name: "vaultUri" });
            Assert.Contains(format.Descendants(), node => node is ArmExpression.Text { Value: var text } && text == secretName);
        }
    }

    [Fact]
    public async Task GeneratedKeyParameters_AreSecureRequiredAndAsLongAsTheAppDemands()
    {
        var parameters = (await DeploymentTemplate.CompileAsync())["parameters"]!;

        // No default: a provision without the preprovision hook's values stops before anything starts.
        foreach (var (name, minimum) in new[]
        {
            ("callerHashKey", TelemetryOptionsValidation.MinimumKeyLength),
            ("audioSigningKey", AudioOptions.MinimumKeyLength),
        })
        {
            var parameter = parameters[name]!;
            Assert.Equal("securestring", Text(parameter["type"]), StringComparer.OrdinalIgnoreCase);
            Assert.Null(parameter["defaultValue"]);
            Assert.Equal(minimum, parameter["minLength"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task AudioPublicBaseUrl_IsTheFunctionAppsHttpsHost_AndAdditionalAppSettingsCanOverrideIt()
    {
        var site = (await DeploymentScenarios.Minimal()).AppSettings().Where(s => s.Name == "Audio__PublicBaseUrl").ToList();
        var value = Assert.IsType<ArmExpression.Call>(Assert.Single(site).Value);

        Assert.Equal("format", value.Name);
        Assert.Equal("https://{0}", Assert.IsType<ArmExpression.Text>(value.Arguments[0]).Value);
        Assert.Contains(value.Descendants(), node => node is ArmExpression.Member { Name: "defaultHostName" });

        // additionalAppSettings is merged last, so a custom domain (or price rows) given there wins.
        var config = Assert.Single((await DeploymentScenarios.Full()).OfType("Microsoft.Web/sites/config"));
        var final = config["properties"] switch
        {
            // Evaluated offline: the merged settings themselves.
            JsonObject merged => merged.ToDictionary(pair => pair.Key, pair => ArmExpression.ParseValue(pair.Value!.ToString())),
            // Left as union(...): later arguments win, so the last one is what stands.
            var expression => Assert.IsType<ArmExpression.Call>(ArmExpression.ParseValue(expression!.GetValue<string>()), exactMatch: true) is { Name: "union" } union
                ? union.Arguments[^1].ObjectEntries().ToDictionary(pair => pair.Key, pair => pair.Value)
                : throw new InvalidOperationException("The app settings are neither an object nor a union(...)."),
        };
        Assert.Equal(new ArmExpression.Text(DeploymentScenarios.CustomAudioBaseUrl), final["Audio__PublicBaseUrl"]);
        Assert.Equal(new ArmExpression.Text("azure_openai_chat"), final["Prices__Rows__0__Service"]);
    }

    [Fact]
    public async Task RoleAssignments_AreNamedByScopePrincipalAndRole()
    {
        var snapshot = await DeploymentScenarios.Full();

        var assignments = snapshot.OfType("Microsoft.Authorization/roleAssignments").ToList();

        // Identity: 3 storage + metrics + secrets + OpenAI user; deploying user: 3 storage + secrets officer + OpenAI user.
        Assert.Equal(11, assignments.Count);
        Assert.All(assignments, assignment =>
        {
            var name = Text(assignment["name"])!;
            Assert.True(Guid.TryParse(name, out _) || name.StartsWith("[guid(", StringComparison.Ordinal), $"role assignment name {name}");
        });
        var roles = assignments.Select(a => Text(a["properties"]?["roleDefinitionId"]) ?? "").ToList();
        foreach (var role in new[]
        {
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", // Cognitive Services OpenAI User
        })
        {
            Assert.Contains(roles, id => id.Contains(role, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AzureOpenAI_OnlyWhenRequested_WithChatAndEmbeddingDeployments()
    {
        Assert.Empty((await DeploymentScenarios.Minimal()).OfType("Microsoft.CognitiveServices/accounts"));

        var full = await DeploymentScenarios.Full();
        var account = full.Single("Microsoft.CognitiveServices/accounts");
        Assert.Equal("OpenAI", Text(account["kind"]));
        Assert.True(account["properties"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.Equal(2, full.OfType("Microsoft.CognitiveServices/accounts/deployments").Count());
        var settings = full.AppSettings().Select(setting => setting.Name).ToList();
        Assert.Contains("AzureOpenAI__Endpoint", settings);
        Assert.Contains("AzureOpenAI__ChatDeployment", settings);
        Assert.Contains("AzureOpenAI__EmbeddingDeployment", settings);
    }

    [Fact]
    public async Task KnowledgeBaseContainer_MatchesTheAppsStorageNames()
    {
        var declared = (await DeploymentTemplate.CompileAsync())["parameters"]!["knowledgeBaseContainerName"]!["defaultValue"]!.GetValue<string>();

        // Once Core names its knowledge base container, the hook must upload to the same one.
        var appNames = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string) && field.Name.Contains("Knowledge", StringComparison.OrdinalIgnoreCase))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        Assert.All(appNames, name => Assert.Equal(name, declared));
    }

    [Fact]
    public async Task Outputs_GiveAzdAndTheHooksWhatTheyNeed()
    {
        var outputs = (await DeploymentScenarios.Minimal()).Outputs;

        foreach (var name in new[]
        {
            "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL",
            "API_BASE_URL", "DASHBOARD_URL", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KNOWLEDGE_BASE_CONTAINER", "AZURE_KEY_VAULT_NAME",
        })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep should output {name}.");
        }

        Assert.Equal("rg-ivr-ci", Text(outputs["AZURE_RESOURCE_GROUP"]));
    }
}
