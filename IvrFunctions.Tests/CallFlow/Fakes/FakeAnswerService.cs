using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>Test double of our <see cref="IAnswerService"/>: answers every question with a fixed text per language.</summary>
public sealed class FakeAnswerService : IAnswerService
{
    public FakeBehaviour Behaviour { get; } = new();

    public async Task<Answer> AnswerAsync(string question, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await Behaviour.RunAsync(cancellationToken);
        var text = language == "hi-IN" ? "नासिक का केंद्र सुबह दस से शाम पाँच बजे तक खुला है।" : "The Nashik centre is open from 10 to 5.";
        return new Answer(text, true, [new RetrievedPassage("doc-1", "chunk-1", "Centres", 0.9)], false, "fake-rag", "fake-llm");
    }
}
