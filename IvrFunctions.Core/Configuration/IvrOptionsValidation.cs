using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Configuration;

/// <summary>Runs <see cref="ConfigurationValidator"/> when the host validates options at start.</summary>
sealed class IvrOptionsValidation(IServiceProvider services) : IValidateOptions<IvrOptions>
{
    public ValidateOptionsResult Validate(string? name, IvrOptions options)
    {
        var errors = ActivatorUtilities.CreateInstance<ConfigurationValidator>(services).Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
