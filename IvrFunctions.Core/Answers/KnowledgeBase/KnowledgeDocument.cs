namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>A knowledge-base article read from disk: <paramref name="Id"/> is its path without extension (<c>en/reset-upi-pin</c>).</summary>
public sealed record KnowledgeDocument(string Id, string Title, string Language, string Body);
