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

        if (!string.Equals(WrittenHost(url.Trim()), uri.Host, StringComparison.OrdinalIgnoreCase))
        {
            // e.g. http://2130706433/ or http://0x7f.1/: the parser turns them into 127.0.0.1; Exotel never writes hosts so.
            reason = "RecordingUrl host is not written in canonical form";
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

    /// <summary>Checks the URL as it was written (a redirect's Location), not its canonical form.</summary>
    public bool IsAllowed(Uri uri) => Check(uri.IsAbsoluteUri ? uri.OriginalString : uri.ToString(), out _) is not null;

    /// <summary>The host exactly as written between "//" (after any user info) and the port, path, query or fragment.</summary>
    static string WrittenHost(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = url.IndexOfAny(['/', '?', '#', '\\'], start);
        var authority = end < 0 ? url[start..] : url[start..end];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var portColon = authority.LastIndexOf(':');
        return portColon > authority.LastIndexOf(']') ? authority[..portColon] : authority;
    }

    static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
