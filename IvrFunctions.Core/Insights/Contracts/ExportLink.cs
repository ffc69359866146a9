namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Answer to an export with <c>destination=blob</c>: a read-only link valid until <paramref name="ExpiresAt"/>.</summary>
public sealed record ExportLink(Uri Url, DateTimeOffset ExpiresAt, string Container, string BlobName, string Format, long Records, string SasKind);
