namespace IvrFunctions.Core.Insights.Windows;

/// <summary>A request parameter the caller has to fix; the API answers 400 with a problem+json body naming <see cref="Parameter"/>.</summary>
public sealed class InvalidParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
