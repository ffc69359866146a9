using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// With storage unreachable the SDK gives up after its own retries with an AggregateException of RequestFailedExceptions
/// (connection refused): every turn and session store operation reports it as a classified storage failure.
/// </summary>
public sealed class StorageErrorClassificationTests
{
    [Fact]
    public async Task StorageNotListening_EveryStoreOperation_ThrowsClassifiedStorageFailure()
    {
        using var refusing = new RefusingPort();
        var nothing = new AzuriteSettings(refusing.Port, refusing.Port, refusing.Port, DataFolder: null);
        await using var server = await SelfHostServer.StartAsync(nothing.ConnectionString);
        var turns = server.Services.GetRequiredService<TurnStore>();
        var sessions = server.Services.GetRequiredService<SessionStore>();
        var callSid = Guid.NewGuid().ToString("N");
        var now = TimeProvider.System.GetUtcNow();
        var turn = new TurnInput(TurnIds.For(callSid, "http://127.0.0.1/r.wav"), callSid, "http://127.0.0.1/r.wav", "en-IN", now, now.AddSeconds(10));
        var none = CancellationToken.None;

        // What the SDK throws on its own, so this test fails if it ever changes shape.
        var table = server.Services.GetRequiredService<StorageAccount>().Table(StorageNames.TurnsTable);
        var raw = await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("a", "b"));
        Assert.IsType<AggregateException>(raw);
        Assert.True(StorageFailures.IsStorageFailure(raw));

        Func<Task>[] operations =
        [
            () => turns.CreateAsync(turn, none),
            () => turns.GetAsync(turn.TurnId, none),
            () => turns.GetLatestAsync(callSid, none),
            () => turns.CountAsync(callSid, none),
            () => turns.RecordStageAsync(turn, new StageRecord("stt", now, 1, 1, true), none),
            () => turns.CompleteAsync(turn, new TurnOutcome(TurnOutcomeKind.AnswerText, "text"), TurnFacts.None, now, none),
            () => sessions.OpenAsync(callSid, null, null, null, "en-IN", none),
            () => sessions.GetAsync(callSid, none),
            () => sessions.ReadAsync(callSid, none),
            () => sessions.WriteAsync(new CallSession(callSid, null, null, "en-IN", now), none),
        ];
        for (var i = 0; i < operations.Length; i++)
        {
            var failure = await Assert.ThrowsAsync<ClassifiedException>(operations[i]);
            Assert.True(failure.Category == ErrorCategory.Storage, $"operation {i}: {failure.Category} {failure.Message}");
            Assert.Contains("Connection refused", failure.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Classifier_TellsStorageFailuresFromOthers()
    {
        var refused = new Azure.RequestFailedException("Connection refused", new HttpRequestException("Connection refused"));
        var timedOut = new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout", new TimeoutException());
        Assert.True(StorageFailures.IsStorageFailure(refused));
        Assert.True(StorageFailures.IsStorageFailure(new AggregateException(refused, refused, refused)));
        Assert.True(StorageFailures.IsStorageFailure(new AggregateException(refused, timedOut)));
        Assert.False(StorageFailures.IsStorageFailure(new AggregateException(refused, new InvalidOperationException())));
        Assert.False(StorageFailures.IsStorageFailure(new AggregateException()));
        Assert.False(StorageFailures.IsStorageFailure(new OperationCanceledException()));
        Assert.False(StorageFailures.IsStorageFailure(new IOException("request body ended early")));

        Assert.True(StorageFailures.IsMissingTableOrContainer(new Azure.RequestFailedException(404, "gone", "TableNotFound", null)));
        Assert.True(StorageFailures.IsMissingTableOrContainer(new Azure.RequestFailedException(404, "gone", "ContainerNotFound", null)));
        Assert.False(StorageFailures.IsMissingTableOrContainer(new Azure.RequestFailedException(404, "no entity", "ResourceNotFound", null)));
        Assert.Equal("404 TableNotFound", StorageFailures.Describe(new AggregateException(refused, new Azure.RequestFailedException(404, "gone", "TableNotFound", null))));
    }
}
