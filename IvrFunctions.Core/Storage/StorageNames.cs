namespace IvrFunctions.Core.Storage;

/// <summary>Every table and blob container the product owns, so provisioning and health checks see the same list.</summary>
public static class StorageNames
{
    public const string SessionsTable = "IvrSessions";

    public static readonly IReadOnlyList<string> Tables = [SessionsTable];

    public const string AnswersContainer = "answers";

    public static readonly IReadOnlyList<string> Containers = [AnswersContainer];
}
