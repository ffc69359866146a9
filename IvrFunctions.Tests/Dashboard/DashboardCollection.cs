namespace IvrFunctions.Tests.Dashboard;

/// <summary>The browser tests share one Chromium and one seeded host, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
