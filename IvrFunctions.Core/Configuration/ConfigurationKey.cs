namespace IvrFunctions.Core.Configuration;

/// <summary>Names a configuration key the way both config files (<c>A:B</c>) and environment variables (<c>A__B</c>) spell it.</summary>
public static class ConfigurationKey
{
    public static string Describe(string key) => $"{key} (env {key.Replace(":", "__", StringComparison.Ordinal)})";
}
