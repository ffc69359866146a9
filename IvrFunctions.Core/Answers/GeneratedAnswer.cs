using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers;

/// <summary>A generator's answer. <paramref name="Found"/> is false when the passages did not answer the question;
/// <paramref name="Usage"/> is what the call consumed (kept with cached answers so a hit can count what it saved).</summary>
public sealed record GeneratedAnswer(string Text, bool Found, UsageUnits? Usage);
