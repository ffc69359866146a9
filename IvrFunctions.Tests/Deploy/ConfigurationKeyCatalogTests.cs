using System.Text.RegularExpressions;
using IvrFunctions.Core.Configuration;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// The catalog the coverage check relies on sees the options classes, and binding code keeps to the convention that
/// lets it: every configuration section is named by an options class's <c>SectionName</c> constant.
/// </summary>
public sealed partial class ConfigurationKeyCatalogTests
{
    [Fact]
    public void Catalog_CoreOptions_AreFoundWithTheirDefaults()
    {
        var entries = ConfigurationKeyCatalog.All.ToDictionary(entry => entry.Key);

        Assert.Contains(typeof(ExotelOptions), ConfigurationKeyCatalog.OptionsTypes);
        Assert.Contains(typeof(AzureOpenAIOptions), ConfigurationKeyCatalog.OptionsTypes);
        Assert.True(entries["Exotel__RecordingHosts"] is { IsCollection: true, HasDefault: false });
        Assert.False(entries["Exotel__ApiKey"].HasDefault);
        Assert.True(entries["Google__SpeechEndpoint"].HasDefault);
        Assert.True(entries["Ivr__DefaultLanguage"].HasDefault);
        Assert.False(entries.ContainsKey("Google__HasCredentials")); // computed, not configuration
    }

    [Fact]
    public void OptionsBinding_EverySection_IsNamedByAnOptionsClassConstant()
    {
        var known = ConfigurationKeyCatalog.OptionsTypes.Select(type => type.Name).Append(nameof(StorageOptions)).ToHashSet(StringComparer.Ordinal);
        var offenders = new List<string>();
        foreach (var project in new[] { "IvrFunctions.Core", "IvrFunctions" })
        {
            var root = Repository.PathOf(project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in SectionBinding().Matches(File.ReadAllText(file)))
                {
                    var argument = match.Groups["argument"].Value.Trim();
                    var constant = SectionConstant().Match(argument);
                    if (!constant.Success || !known.Contains(constant.Groups["type"].Value))
                    {
                        offenders.Add($"{Path.GetRelativePath(Repository.Root, file)}: {match.Value}");
                    }
                }
            }
        }

        Assert.True(
            offenders.Count == 0,
            "Bind configuration sections through a class with `public const string SectionName` in IvrFunctions.Core, so the " +
            "deploy coverage check (Tests/Deploy) sees its keys:\n  " + string.Join("\n  ", offenders));
    }

    [GeneratedRegex(@"\b(GetSection|GetRequiredSection|BindConfiguration)\((?<argument>[^()]*(\([^()]*\))?[^()]*)\)")]
    private static partial Regex SectionBinding();

    [GeneratedRegex(@"^(?<type>\w+)\.(SectionName|Key)$")]
    private static partial Regex SectionConstant();
}
