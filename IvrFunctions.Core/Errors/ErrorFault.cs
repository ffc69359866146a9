namespace IvrFunctions.Core.Errors;

/// <summary>Who has to act for a failure to stop happening.</summary>
public enum ErrorFault
{
    Provider = 1,
    Platform,
    Caller,
    Configuration,
}
