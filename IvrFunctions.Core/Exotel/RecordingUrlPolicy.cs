using System.Net;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Exotel;

/// <summary>
/// Which recording URLs may be fetched: https to a host listed in <c>Exotel:RecordingHosts</c>; plain http only to a
/// loopback host listed there explicitly (local call simulation). Anything else is refused without being fetched.
/// </summary>
public sealed class RecordingUrlPolicy(IOptions<ExotelOptions> options)
{
    readonly HashSet<string> _hosts = new(
        options.Value.RecordingHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().TrimEnd('.')),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The parsed URL when allowed; otherwise null and the reason.</summary>
    public Uri? Check(string? url, out string? reason)
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            reason = "RecordingUrl missing";
            return null;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            reason = "RecordingUrl is not an absolute http(s) URL";
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            reason = "RecordingUrl carries credentials";
            return null;
        }

        if (!_hosts.Contains(uri.IdnHost.TrimEnd('.')))
        {
            reason = "RecordingUrl host is not in Exotel:RecordingHosts";
            return null;
        }

        if (uri.Scheme == "http" && !IsLoopback(uri))
        {
            reason = "RecordingUrl must use https (http is allowed only for loopback hosts)";
            return null;
        }

        return uri;
    }

    public bool IsAllowed(Uri uri) => Check(uri.AbsoluteUri, out _) is not null;

    static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
