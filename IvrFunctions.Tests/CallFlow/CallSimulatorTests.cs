using IvrFunctions.SelfHost.Simulator;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.CallFlow;

public sealed class CallSimulatorTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;
    readonly string _recording = Path.Combine(Path.GetTempPath(), $"question-{Guid.NewGuid():N}.wav");

    public async Task InitializeAsync()
    {
        _harness = await CallFlowHarness.StartAsync();
        await File.WriteAllBytesAsync(_recording, TestAudio.Wav(1));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        File.Delete(_recording);
    }

    [Fact]
    public async Task SimulateCall_AgainstTheSelfHost_WalksEveryStepAndPrintsTheAnswerUrl()
    {
        using var output = new StringWriter();

        var exit = await CallSimulator.RunAsync(
            [_recording, "--base-url", _harness.Server.BaseAddress.ToString(), "--key", SelfHostServer.TestKey, "--language", "hi"], output);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        foreach (var step in new[] { "incoming", "question", "answer-ready", "answer (HEAD)", "answer ", "audio", "status" })
        {
            Assert.Contains($"  {step}", text, StringComparison.Ordinal);
        }

        Assert.Contains("answer URL: http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("Audio, total", text, StringComparison.Ordinal);
        Assert.Contains(_harness.Speech.Heard, h => h.Language == "hi-IN");
    }

    [Fact]
    public async Task SimulateCall_WrongKey_FailsSayingWhy()
    {
        using var output = new StringWriter();

        var exit = await CallSimulator.RunAsync([_recording, "--base-url", _harness.Server.BaseAddress.ToString(), "--key", "wrong"], output);

        Assert.Equal(1, exit);
        Assert.Contains("check the key", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulateCall_MissingFile_PrintsUsage()
    {
        using var output = new StringWriter();

        var exit = await CallSimulator.RunAsync(["/no/such/file.wav"], output);

        Assert.Equal(2, exit);
        Assert.Contains("usage: simulate-call", output.ToString(), StringComparison.Ordinal);
    }
}
