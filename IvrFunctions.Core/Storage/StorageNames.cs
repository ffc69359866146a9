namespace IvrFunctions.Core.Storage;

/// <summary>Every table and blob container the product owns, so provisioning and health checks see the same list.</summary>
public static class StorageNames
{
    public const string SessionsTable = "IvrSessions";

    public const string TurnsTable = "IvrTurns";

    public static readonly IReadOnlyList<string> Tables = [SessionsTable, TurnsTable];

    public const string AnswersContainer = "answers";

    public static readonly IReadOnlyList<string> Containers = [AnswersContainer];
}
