namespace IvrFunctions.Tests.Dashboard;

/// <summary>Screenshots are test artifacts: <c>TestResults/screenshots/</c> in the repository (test.sh keeps TestResults).</summary>
static class Screenshots
{
    public static string Folder { get; } = Create();

    public static string PathFor(string name) => System.IO.Path.Combine(Folder, name + ".png");

    static string Create()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "IvrFunctions.slnx")))
        {
            root = root.Parent;
        }

        var folder = System.IO.Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
