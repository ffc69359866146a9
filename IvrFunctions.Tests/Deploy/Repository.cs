namespace IvrFunctions.Tests.Deploy;

/// <summary>Paths in the checkout the tests run from (found by walking up to the solution file).</summary>
static class Repository
{
    static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvrFunctions.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IvrFunctions.slnx above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
