using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace IvrFunctions.Core.Sessions;

/// <summary>
/// Call sessions in Table Storage (partition = CallSid), with an in-process cache in front. The table is the source of
/// truth: the cache only saves a read when the same instance sees the call again, and every lookup is reported. Every
/// failure surfaces as a <see cref="ErrorCategory.Storage"/> <see cref="ClassifiedException"/> (<see cref="StorageGuard"/>).
/// </summary>
public sealed class SessionStore(StorageAccount storage, StorageGuard guard, ITelemetry telemetry, TimeProvider time) : IDisposable
{
    const string RowKey = "session";
    const string Store = "Session table";
    static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(30);

    readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    TableClient Table => storage.Table(StorageNames.SessionsTable);

    /// <summary>Opens the session, or refreshes what is known about it. Returns it and whether it was new.</summary>
    public Task<(CallSession Session, bool Created)> OpenAsync(
        string callSid, string? callerNumber, string? exoPhone, string? chosenLanguage, string defaultLanguage, CancellationToken cancellationToken) =>
        OpenAsync(callSid, callerNumber, exoPhone, chosenLanguage, defaultLanguage, retryOnConflict: true, cancellationToken);

    async Task<(CallSession Session, bool Created)> OpenAsync(
        string callSid, string? callerNumber, string? exoPhone, string? chosenLanguage, string defaultLanguage, bool retryOnConflict, CancellationToken cancellationToken)
    {
        // A session this instance has seen is refreshed; an unknown one is inserted straight away (a new call is the
        // usual case, so the insert's conflict, not a read before it, tells a call another instance opened).
        if (PeekCached(callSid) is { } existing)
        {
            return (await RefreshAsync(existing, callerNumber, exoPhone, chosenLanguage, cancellationToken), false);
        }

        var session = new CallSession(callSid, callerNumber, exoPhone, chosenLanguage ?? defaultLanguage, time.GetUtcNow());
        var added = await guard.RunAsync(Store, async () =>
        {
            try
            {
                await Table.AddEntityAsync(ToEntity(session), cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && retryOnConflict)
            {
                return false;
            }
        }, cancellationToken);
        if (added)
        {
            telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Session, false, new TelemetryContext(callSid, null)));
            Remember(session);
            return (session, true);
        }

        // Opened before (Exotel retried, two webhooks raced, or another instance saw the call first): refresh that one.
        var stored = await GetAsync(callSid, cancellationToken);
        return stored is null
            ? await OpenAsync(callSid, callerNumber, exoPhone, chosenLanguage, defaultLanguage, retryOnConflict: false, cancellationToken)
            : (await RefreshAsync(stored, callerNumber, exoPhone, chosenLanguage, cancellationToken), false);
    }

    async Task<CallSession> RefreshAsync(CallSession existing, string? callerNumber, string? exoPhone, string? chosenLanguage, CancellationToken cancellationToken)
    {
        var refreshed = existing with
        {
            CallerNumber = callerNumber ?? existing.CallerNumber,
            ExoPhone = exoPhone ?? existing.ExoPhone,
            Language = chosenLanguage ?? existing.Language,
        };
        if (refreshed != existing)
        {
            await WriteAsync(refreshed, cancellationToken);
        }

        return refreshed;
    }

    CallSession? PeekCached(string callSid)
    {
        if (_cache.TryGetValue(callSid, out CallSession? cached) && cached is not null)
        {
            telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Session, true, new TelemetryContext(callSid, null)));
            return cached;
        }

        return null;
    }

    public async Task<CallSession?> GetAsync(string callSid, CancellationToken cancellationToken)
    {
        if (PeekCached(callSid) is { } cached)
        {
            return cached;
        }

        telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Session, false, new TelemetryContext(callSid, null)));
        var response = await guard.RunAsync(Store, () => Table.GetEntityIfExistsAsync<TableEntity>(callSid, RowKey, cancellationToken: cancellationToken), cancellationToken);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var session = FromEntity(response.Value);
        Remember(session);
        return session;
    }

    /// <summary>Reads the table, bypassing the cache (for closing a call, where another instance may have changed it).</summary>
    public async Task<CallSession?> ReadAsync(string callSid, CancellationToken cancellationToken)
    {
        var response = await guard.RunAsync(Store, () => Table.GetEntityIfExistsAsync<TableEntity>(callSid, RowKey, cancellationToken: cancellationToken), cancellationToken);
        return response.HasValue && response.Value is not null ? FromEntity(response.Value) : null;
    }

    public async Task WriteAsync(CallSession session, CancellationToken cancellationToken)
    {
        await guard.RunAsync(Store, () => Table.UpsertEntityAsync(ToEntity(session), TableUpdateMode.Replace, cancellationToken), cancellationToken);
        Remember(session);
    }

    void Remember(CallSession session) =>
        _cache.Set(session.CallSid, session, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = CacheLifetime });

    static TableEntity ToEntity(CallSession s) => new(s.CallSid, RowKey)
    {
        ["CallerNumber"] = s.CallerNumber,
        ["ExoPhone"] = s.ExoPhone,
        ["Language"] = s.Language,
        ["StartedAt"] = s.StartedAt,
        ["Closed"] = s.Closed,
        ["EndedAt"] = s.EndedAt,
        ["CallStatus"] = s.CallStatus,
        ["DurationSeconds"] = s.DurationSeconds,
        ["BilledPulses"] = s.BilledPulses,
    };

    static CallSession FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("CallerNumber"),
        e.GetString("ExoPhone"),
        e.GetString("Language") ?? "en-IN",
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetBoolean("Closed") ?? false,
        e.GetDateTimeOffset("EndedAt"),
        e.GetString("CallStatus"),
        e.GetDouble("DurationSeconds"),
        e.GetInt32("BilledPulses"));

    public void Dispose() => _cache.Dispose();
}
