using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Signed, credential-free URLs for a turn's answer audio: <c>/api/audio/{turnId}/{expires}/{signature}.wav</c>, an
/// HMAC-SHA256 over the turn id and the expiry (unix seconds). Unique per turn, so Exotel's URL cache never plays a
/// stale answer, even when several turns share one cached audio blob. Works the same on Azurite and a real account.
/// </summary>
public sealed class AnswerAudioUrls(IOptions<AudioOptions> options, TimeProvider time)
{
    public const string RoutePrefix = "audio";

    readonly byte[] _key = string.IsNullOrEmpty(options.Value.SigningKey)
        ? RandomNumberGenerator.GetBytes(32) // emulator storage only (checked at start): valid for this process's life
        : Encoding.UTF8.GetBytes(options.Value.SigningKey.Trim());

    /// <summary>The absolute URL, based on <see cref="AudioOptions.PublicBaseUrl"/> or else the request's own scheme and host.</summary>
    public string Create(string turnId, string requestBase)
    {
        var expires = time.GetUtcNow().AddMinutes(options.Value.UrlValidityMinutes).ToUnixTimeSeconds();
        var root = (options.Value.PublicBaseUrl is { IsAbsoluteUri: true } configured ? configured.AbsoluteUri : requestBase).TrimEnd('/');
        var expiresText = expires.ToString(CultureInfo.InvariantCulture);
        return $"{root}/api/{RoutePrefix}/{Uri.EscapeDataString(turnId)}/{expiresText}/{Sign(turnId, expiresText)}.wav";
    }

    /// <summary>True when the signature matches and the URL has not expired.</summary>
    public bool Verify(string turnId, string expires, string file)
    {
        if (!file.EndsWith(".wav", StringComparison.Ordinal) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(turnId, expires));
        var presented = Encoding.ASCII.GetBytes(file[..^4]);
        return CryptographicOperations.FixedTimeEquals(expected, presented) && time.GetUtcNow().ToUnixTimeSeconds() <= unix;
    }

    string Sign(string turnId, string expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{turnId}\n{expires}"));
        return Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
