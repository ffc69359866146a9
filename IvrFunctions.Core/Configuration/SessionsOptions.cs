using IvrFunctions.Core.Storage;

namespace IvrFunctions.Core.Configuration;

/// <summary>Where call sessions are counted (section <c>Sessions</c>).</summary>
public sealed class SessionsOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// Table of the open-call register (the calls in progress across every instance, <c>Sessions.OpenCallRegister</c>).
    /// The default value is <see cref="StorageNames.OpenCallsTable"/>.
    /// </summary>
    public string OpenCallsTable { get; set; } = StorageNames.OpenCallsTable;
}
