using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Answers;

/// <summary>The sample knowledge base ingested once (offline: term statistics) into a container of its own, shared by a test class.</summary>
public sealed class SampleKnowledgeBaseFixture : IAsyncLifetime
{
    public ProviderTestHost Host { get; private set; } = null!;

    public IngestReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ProviderTestHost.StartAsync();
        Report = await Host.IngestSampleAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
