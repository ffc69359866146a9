namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Dashboard page settings (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The one browser origin (scheme://host[:port]) allowed to call the API cross-origin, e.g. the storage static website
    /// <c>https://account.z13.web.core.windows.net</c>. Empty: no cross-origin access. The SelfHost applies it; in Azure set
    /// the same origin in the Function App's CORS settings.
    /// </summary>
    public string? AllowedOrigin { get; set; }
}
