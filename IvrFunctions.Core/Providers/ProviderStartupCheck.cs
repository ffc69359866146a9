using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Speech.Offline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Providers;

/// <summary>At start: says which providers are active and, when offline speech is, whether its tools are installed
/// (naming the apt packages), so a missing tool shows up in the start-up log rather than deep inside a call.</summary>
internal sealed class ProviderStartupCheck(ActiveProviders providers, OfflineToolCheck tools, ILogger<ProviderStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Providers: speech {Speech}, answers {Answers}", providers.Speech, providers.Answers);
        if (providers.Speech == ProviderNames.Offline && tools.DescribeMissing() is { } missing)
        {
            logger.LogWarning("{Missing}", missing);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
