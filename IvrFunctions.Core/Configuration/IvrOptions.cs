namespace IvrFunctions.Core.Configuration;

/// <summary>Product settings shared by both hosts (section <c>Ivr</c>).</summary>
public sealed class IvrOptions
{
    public const string SectionName = "Ivr";

    /// <summary>Key the SelfHost requires as <c>code</c> query parameter or <c>x-functions-key</c> header.
    /// In Development an empty value means "generate one and store it locally"; elsewhere it is required.</summary>
    public string? FunctionKey { get; set; }

    /// <summary>Language used when the caller chose none. The default value is <c>en-IN</c>.</summary>
    public string DefaultLanguage { get; set; } = "en-IN";
}
