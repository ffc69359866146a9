namespace IvrFunctions.Core.Speech.Google;

public static class GoogleEndpoints
{
    /// <summary>Appends <paramref name="path"/> to an endpoint that may or may not end in a slash or carry a path prefix.</summary>
    public static Uri Combine(Uri endpoint, string path) => new($"{endpoint.ToString().TrimEnd('/')}/{path}");
}
