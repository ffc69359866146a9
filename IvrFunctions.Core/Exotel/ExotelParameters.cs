using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Exotel;

/// <summary>
/// One webhook's parameters, merged from the query string, a form body and a JSON body (Exotel uses all three), read
/// case-insensitively. Unreadable bodies are ignored: garbage never fails a request.
/// </summary>
public sealed class ExotelParameters
{
    const int MaxBodyBytes = 64 * 1024;

    readonly Dictionary<string, string> _values;

    public ExotelParameters(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            // First value wins: the query string (what Exotel documents) before the body.
            _values.TryAdd(key, value);
        }
    }

    public string? this[string name] => _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public IReadOnlyDictionary<string, string> All => _values;

    public string? CallSid => this["CallSid"] ?? this["Stream[CallSid]"];

    /// <summary>The caller for incoming calls (<c>CallFrom</c>, or the older <c>From</c>).</summary>
    public string? From => this["CallFrom"] ?? this["From"];

    /// <summary>The ExoPhone for incoming calls (<c>CallTo</c>, or the older <c>To</c>).</summary>
    public string? To => this["CallTo"] ?? this["To"];

    /// <summary>DTMF digits from a preceding Gather, without the double quotes Exotel wraps them in.</summary>
    public string? Digits => this["digits"]?.Trim().Trim('"').Trim() is { Length: > 0 } digits ? digits : null;

    public string? RecordingUrl => this["RecordingUrl"] ?? this["Stream[RecordingUrl]"];

    public static async Task<ExotelParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in request.Query)
        {
            values.Add(new(key, value.ToString()));
        }

        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            try
            {
                await ReadBodyAsync(request, values, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or BadHttpRequestException or FormatException or InvalidOperationException)
            {
                // A malformed body is the caller's problem; the query string alone may still be enough.
            }
        }

        return new ExotelParameters(values);
    }

    static async Task ReadBodyAsync(HttpRequest request, List<KeyValuePair<string, string>> values, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return;
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                values.Add(new(key, value.ToString()));
            }

            return;
        }

        var mediaType = request.ContentType ?? string.Empty;
        if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var buffer = new MemoryStream();
        await CopyBoundedAsync(request.Body, buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            Flatten(document.RootElement, prefix: null, values);
        }
    }

    static async Task CopyBoundedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (target.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException("Webhook body too large.");
            }

            target.Write(chunk, 0, read);
        }
    }

    /// <summary>Nested objects become <c>Parent[Child]</c>, the way Exotel spells <c>Stream[RecordingUrl]</c> in query strings.</summary>
    static void Flatten(JsonElement element, string? prefix, List<KeyValuePair<string, string>> values)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix is null ? property.Name : $"{prefix}[{property.Name}]";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object when prefix is null:
                    Flatten(property.Value, name, values);
                    break;
                case JsonValueKind.String:
                    values.Add(new(name, property.Value.GetString() ?? string.Empty));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    values.Add(new(name, property.Value.GetRawText()));
                    break;
            }
        }
    }
}
