namespace IvrFunctions.Core.Configuration;

/// <summary>Exotel settings (section <c>Exotel</c>).</summary>
public sealed class ExotelOptions
{
    public const string SectionName = "Exotel";

    /// <summary>Basic-auth user for recording downloads.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Basic-auth password for recording downloads.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Hosts a RecordingUrl may point at; any other host is refused without being fetched.</summary>
    public IList<string> RecordingHosts { get; } = [];
}
