using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Turns a configuration failure at start into the lines a person needs: which key, and what is wrong with it.</summary>
static class StartupFailure
{
    public static IReadOnlyList<string>? DescribeConfigurationError(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case OptionsValidationException validation:
                    return validation.Failures.Select(failure => $"Configuration error: {failure}").ToList();
                case AggregateException aggregate when aggregate.InnerExceptions.OfType<OptionsValidationException>().Any():
                    return aggregate.InnerExceptions.OfType<OptionsValidationException>()
                        .SelectMany(v => v.Failures).Select(failure => $"Configuration error: {failure}").ToList();
                case InvalidOperationException when ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return [$"Configuration error: {ex.Message}"];
            }
        }

        return null;
    }
}
