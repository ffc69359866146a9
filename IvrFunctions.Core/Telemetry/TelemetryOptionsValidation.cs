using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry;

/// <summary>Checks telemetry settings at start; every failure names the key.</summary>
sealed class TelemetryOptionsValidation : IValidateOptions<TelemetryOptions>
{
    public const int MinimumKeyLength = 16;

    /// <summary>Table names are at most 63 characters, and the hour (10) is appended.</summary>
    public const int MaximumRecordsPrefixLength = 53;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        var key = $"{TelemetryOptions.SectionName}:CallerHashKey";
        if (string.IsNullOrWhiteSpace(options.CallerHashKey))
        {
            errors.Add($"{ConfigurationKey.Describe(key)} is required: set a random secret of at least {MinimumKeyLength} characters (caller numbers are stored only as its HMAC; in Development one is generated for you).");
        }
        else if (options.CallerHashKey.Trim().Length < MinimumKeyLength)
        {
            errors.Add($"{ConfigurationKey.Describe(key)} is too short: use at least {MinimumKeyLength} characters.");
        }

        if (options.BufferCapacity < 1)
        {
            errors.Add($"{ConfigurationKey.Describe($"{TelemetryOptions.SectionName}:BufferCapacity")} must be at least 1; got {options.BufferCapacity}.");
        }

        if (options.RecordsTablePrefix is not { Length: >= 2 and <= MaximumRecordsPrefixLength } prefix
            || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"{ConfigurationKey.Describe($"{TelemetryOptions.SectionName}:RecordsTablePrefix")} must be 2 to {MaximumRecordsPrefixLength} letters or digits starting with a letter (the hour, yyyyMMddHH, is appended to make each table name); got '{options.RecordsTablePrefix}'.");
        }

        if (options.RetentionDays < 1)
        {
            errors.Add($"{ConfigurationKey.Describe($"{TelemetryOptions.SectionName}:RetentionDays")} must be at least 1; got {options.RetentionDays}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
