namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>
/// The dashboard page's static files: the repository's <c>dashboard/</c> folder, found upwards from the working directory
/// or the app's folder (as Azurite's package.json is). Build tooling in that folder (package.json, node_modules, the vendoring
/// script) and a local <c>config.json</c> are not part of the site: the host or the upload writes its own config.
/// </summary>
public sealed class DashboardSite
{
    public const string FolderName = "dashboard";
    public const string ConfigFileName = "config.json";

    static readonly HashSet<string> ExcludedRootFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "package.json", "package-lock.json", "vendor.mjs", ".gitignore", ConfigFileName,
    };

    DashboardSite(string root) => Root = root;

    /// <summary>Absolute path of the folder holding index.html.</summary>
    public string Root { get; }

    public static DashboardSite? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName);
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return new DashboardSite(candidate);
                }
            }
        }

        return null;
    }

    public static DashboardSite At(string folder) =>
        File.Exists(Path.Combine(folder, "index.html"))
            ? new DashboardSite(Path.GetFullPath(folder))
            : throw new DirectoryNotFoundException($"No index.html in {folder}: not a dashboard folder.");

    /// <summary>Whether a path relative to <see cref="Root"/> (either slash) belongs to the published site.</summary>
    public static bool IsPublished(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p.StartsWith('.') || p.Equals("node_modules", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return parts.Length > 1 || !ExcludedRootFiles.Contains(parts[0]);
    }

    /// <summary>The site's files as paths relative to <see cref="Root"/>, with forward slashes, in a stable order.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(IsPublished)
            .Order(StringComparer.Ordinal)];
}
