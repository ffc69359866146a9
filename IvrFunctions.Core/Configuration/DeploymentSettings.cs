namespace IvrFunctions.Core.Configuration;

/// <summary>
/// What the Azure deployment (<c>infra/</c>) must know beyond the options classes' own keys. The deploy tests
/// (<c>IvrFunctions.Tests/Deploy</c>) find every options class by its <c>SectionName</c> constant, list its keys, and
/// require each key that has no default in code to be set by the Bicep app settings, unless it is listed in
/// <see cref="NotDeployed"/> with the reason. They also require every app setting in Bicep to be either such a key or
/// one of <see cref="PlatformKeys"/>. Keys are written in environment-variable form (<c>Section__Key</c>).
/// </summary>
public static class DeploymentSettings
{
    /// <summary>Settings the Functions host and the Azure SDK read in Azure that no options class declares.</summary>
    public static readonly IReadOnlyList<string> PlatformKeys =
    [
        // Identity-based AzureWebJobsStorage (StorageOptions binds blob/table/clientId; the host and Durable need all).
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        // DefaultAzureCredential picks the user-assigned managed identity by this id.
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Keys without a default that the Azure deployment deliberately leaves unset, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotDeployed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Ivr__FunctionKey"] = "SelfHost only: the Functions host checks its own function keys.",
        ["KnowledgeBase__SeedFolder"] = "Local seeding only: in Azure the postprovision hook uploads knowledge-base/ to the knowledge-base " +
            "container, which the app ingests at start; without a seed folder the start-up only logs that none was found.",
        ["Prices__Rows"] = "Optional overrides: the default prices are embedded (default-prices.json). Override a row through the " +
            "additionalAppSettings parameter (Prices__Rows__0__Service, ...; README \"Deploying with azd\").",
        ["Telemetry__WriterId"] = "Empty gives each process its own rollup shard id, which scaled-out instances need; one fixed value " +
            "for every instance would make them overwrite each other's rollup rows.",
        ["Alerts__Rules"] = "Optional overrides: every rule has a built-in threshold and severity; change one through additionalAppSettings " +
            "(Alerts__Rules__success_rate__Threshold, ...).",
        ["Alerts__Webhook__Url"] = "Optional: without it alerts are kept and shown but not posted. A chat webhook URL is a secret: store it in " +
            "Key Vault and add an @Microsoft.KeyVault reference through additionalAppSettings.",
        ["Insights__DailyBudgetUsd"] = "Optional: without a budget the budget comparison and the daily-cost alert stay off; set it through " +
            "additionalAppSettings.",
        ["Insights__MonthlyBudgetUsd"] = "Optional: without a budget the month-to-date comparison stays off; set it through additionalAppSettings.",
    };
}
