namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Errors of one category in the window with what the catalog says about it.</summary>
/// <param name="Category">Snake-case code, e.g. <c>provider_unavailable</c>.</param>
/// <param name="Fault"><c>provider</c>, <c>platform</c>, <c>caller</c> or <c>configuration</c>.</param>
public sealed record ErrorCategoryTotal(string Category, long Count, bool Retryable, string Fault, string Title, string Suggestion);
