using System.Reflection;

namespace IvrFunctions.Core.Health;

public static class ProductInfo
{
    /// <summary>The informational version of the Core assembly, without the source-revision suffix.</summary>
    public static string Version { get; } =
        (typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
