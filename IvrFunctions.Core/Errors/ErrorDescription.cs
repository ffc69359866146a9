namespace IvrFunctions.Core.Errors;

public sealed record ErrorDescription(ErrorCategory Category, string Code, bool Retryable, ErrorFault Fault, string Title, string Suggestion);
