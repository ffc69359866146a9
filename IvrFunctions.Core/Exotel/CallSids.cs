namespace IvrFunctions.Core.Exotel;

/// <summary>
/// Exotel's call ids are 32 hex characters; ids of other shapes are accepted when they are safe as Table keys and
/// Durable instance ids (letters, digits, '-' and '_', 8 to 64 characters).
/// </summary>
public static class CallSids
{
    public static bool IsValid(string? callSid) =>
        callSid is { Length: >= 8 and <= 64 } && callSid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
