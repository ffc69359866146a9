using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Security;

/// <summary>Outside Development the SelfHost never runs without a configured key.</summary>
sealed class FunctionKeyRequirement : IValidateOptions<IvrOptions>
{
    public const int MinimumLength = 16;

    public ValidateOptionsResult Validate(string? name, IvrOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.FunctionKey))
        {
            return ValidateOptionsResult.Fail($"{ConfigurationKey.Describe("Ivr:FunctionKey")} is required: set a random key of at least {MinimumLength} characters (in Development one is generated for you).");
        }

        return options.FunctionKey.Trim().Length < MinimumLength
            ? ValidateOptionsResult.Fail($"{ConfigurationKey.Describe("Ivr:FunctionKey")} is too short: use at least {MinimumLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
