namespace IvrFunctions.Core.Configuration;

/// <summary>Answer provider selection (section <c>Answers</c>).</summary>
public sealed class AnswersOptions
{
    public const string SectionName = "Answers";

    /// <summary><c>openai</c>, <c>azureopenai</c> or <c>offline</c>. Empty: the first whose credentials are configured, else <c>offline</c>.</summary>
    public string? Provider { get; set; }
}
