using System.Security.Cryptography;
using System.Text;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// A turn's id is derived from the call and the recording, so the same question delivered twice maps to the same turn:
/// <c>{CallSid}-{16 hex of SHA-256(CallSid, RecordingUrl)}</c>. The call id is recoverable from it (the Table partition).
/// </summary>
public static class TurnIds
{
    const int HashLength = 16;

    public static string For(string callSid, string recordingUrl)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{callSid}\n{recordingUrl.Trim()}"));
        return $"{callSid}-{Convert.ToHexStringLower(hash)[..HashLength]}";
    }

    /// <summary>The call id inside a turn id, or null when the value is not a turn id.</summary>
    public static string? CallSidOf(string? turnId)
    {
        if (string.IsNullOrEmpty(turnId) || turnId.Length > 96)
        {
            return null;
        }

        var dash = turnId.LastIndexOf('-');
        if (dash < 1 || turnId.Length - dash - 1 != HashLength || !turnId[(dash + 1)..].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var callSid = turnId[..dash];
        return Exotel.CallSids.IsValid(callSid) ? callSid : null;
    }
}
