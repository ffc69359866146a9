using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Health;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Privacy;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// The <see cref="ITelemetry"/> every component records through. Each call builds one record, emits the matching
/// OpenTelemetry measurements and span data, and queues the record in <see cref="TelemetryBuffer"/>; nothing here waits
/// for storage or takes a lock held across I/O. <see cref="Storage.TelemetryFlusher"/> writes the buffer to Table Storage.
/// </summary>
public sealed class TableTelemetry : ITelemetry
{
    internal const string AbandonedStageDetail = "stage timer disposed without Succeed or Fail";
    const int MaxTrackedCalls = 10_000;

    readonly TelemetryBuffer _buffer;
    readonly TelemetryInstruments _instruments;
    readonly CostCalculator _costs;
    readonly CallerNumberHasher _hasher;
    readonly TimeProvider _time;
    readonly string _host;
    readonly string _idPrefix = Guid.NewGuid().ToString("N")[..8];
    readonly ConcurrentDictionary<string, DateTimeOffset> _callStarts = new(StringComparer.Ordinal);
    long _sequence;

    public TableTelemetry(TelemetryBuffer buffer, TelemetryInstruments instruments, CostCalculator costs, CallerNumberHasher hasher,
        HostInfo host, TimeProvider time)
    {
        _buffer = buffer;
        _instruments = instruments;
        _costs = costs;
        _hasher = hasher;
        _time = time;
        _host = host.Name;
    }

    public TelemetryBuffer Buffer => _buffer;

    public IStageTimer StartStage(string stage, TelemetryContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        context ??= TelemetryContext.None;
        return new StageTimer(this, stage, context, _time.GetTimestamp(), StartStageActivity(stage, context));
    }

    public IStageTimer StartStage(string stage, TelemetryContext context, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        context ??= TelemetryContext.None;
        var ago = _time.GetUtcNow() - startedAt;
        var startTimestamp = _time.GetTimestamp() - (long)(Math.Max(0, ago.TotalSeconds) * _time.TimestampFrequency);
        var activity = StartStageActivity(stage, context);
        activity?.SetStartTime(startedAt.UtcDateTime);
        return new StageTimer(this, stage, context, startTimestamp, activity);
    }

    public void RecordApiUsage(ApiUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var now = _time.GetUtcNow();
        var cost = _costs.Estimate(usage.Service, usage.Model, usage.Units, now);
        var units = usage.Units;
        _buffer.TryAdd(new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Usage,
            Timestamp = now,
            Id = NextId(),
            Component = usage.Service,
            CallSid = usage.Context?.CallSid,
            TurnId = usage.Context?.TurnId,
            Language = usage.Context?.Language,
            Host = _host,
            Success = usage.Success,
            DurationMs = usage.Latency.TotalMilliseconds,
            Model = usage.Model,
            ErrorCategory = usage.Error,
            Retryable = usage.Error is { } e ? ErrorCatalog.Describe(e).Retryable : null,
            Fault = usage.Error is { } f ? ErrorCatalog.Describe(f).Fault : null,
            StatusCode = usage.StatusCode,
            AudioSeconds = units?.AudioSeconds,
            Characters = units?.Characters,
            VoiceClass = units?.VoiceClass,
            InputTokens = units?.InputTokens,
            CachedInputTokens = units?.CachedInputTokens,
            OutputTokens = units?.OutputTokens,
            PriceSku = cost.Sku,
            CostUsd = cost.CostUsd,
        });

        RecordUsageMetrics(usage, cost);
    }

    public void RecordCacheLookup(CacheLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var now = _time.GetUtcNow();
        double? saved = null;
        if (lookup.Hit && lookup.SavedService is not null && lookup.SavedUnits is not null)
        {
            saved = _costs.Estimate(lookup.SavedService, null, lookup.SavedUnits, now).CostUsd;
        }

        _buffer.TryAdd(new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Cache,
            Timestamp = now,
            Id = NextId(),
            Component = lookup.Kind,
            CallSid = lookup.Context?.CallSid,
            TurnId = lookup.Context?.TurnId,
            Language = lookup.Context?.Language,
            Host = _host,
            Success = true,
            Hit = lookup.Hit,
            SavedService = lookup.SavedService,
            SavedCostUsd = saved,
        });

        if (_instruments.CacheLookups.Enabled)
        {
            _instruments.CacheLookups.Add(1, new TagList
            {
                { TelemetryTags.CacheKind, lookup.Kind },
                { TelemetryTags.CacheResult, lookup.Hit ? "hit" : "miss" },
            });
        }
    }

    public void RecordSession(SessionEvent session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = session.OpenCalls?.At ?? _time.GetUtcNow();
        var duration = session.DurationSeconds;
        var startedHere = false;
        if (session.Kind == SessionEventKind.Started)
        {
            if (_callStarts.Count < MaxTrackedCalls)
            {
                _callStarts.TryAdd(session.CallSid, now);
            }
        }
        else if (_callStarts.TryRemove(session.CallSid, out var started))
        {
            startedHere = true;
            if (duration is null && session.Kind == SessionEventKind.Ended)
            {
                duration = Math.Max(0, (now - started).TotalSeconds);
            }
        }

        var success = session.Kind == SessionEventKind.Started || (session.Kind == SessionEventKind.Ended && (session.Success ?? false));
        _buffer.TryAdd(new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Session,
            Timestamp = now,
            Id = NextId(),
            Component = Rollups.RollupDimensions.CallsKey,
            CallSid = session.CallSid,
            Language = session.Language,
            Host = _host,
            Success = success,
            DurationMs = duration * 1000,
            SessionKind = session.Kind,
            CallerHash = _hasher.Hash(session.CallerNumber),
            Status = session.Status,
            BilledPulses = session.BilledPulses,
            Turns = session.Turns,
            OpenCalls = session.OpenCalls?.Open,
            OpenCallsSequence = session.OpenCalls?.Sequence,
        });

        if (session.Kind == SessionEventKind.Started)
        {
            _instruments.ActiveCalls.Add(1);
            return;
        }

        if (session.Kind == SessionEventKind.Expired)
        {
            // Not an ended call: no call metrics. The gauge is per process, so only the process that saw the start lowers it.
            if (startedHere)
            {
                _instruments.ActiveCalls.Add(-1);
            }

            return;
        }

        _instruments.ActiveCalls.Add(-1);
        var outcome = success ? "success" : "failure";
        _instruments.Calls.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));
        if (duration is { } seconds)
        {
            _instruments.CallDuration.Record(seconds, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));
            EmitCallSpan(session, now, seconds, success);
        }
    }

    public void RecordError(ErrorOccurrence error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var description = ErrorCatalog.Describe(error.Category);
        _buffer.TryAdd(new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Error,
            Timestamp = _time.GetUtcNow(),
            Id = NextId(),
            Component = error.Component,
            CallSid = error.Context?.CallSid,
            TurnId = error.Context?.TurnId,
            Language = error.Context?.Language,
            Host = _host,
            Success = false,
            Provider = error.Provider,
            ErrorCategory = error.Category,
            Retryable = description.Retryable,
            Fault = description.Fault,
            Detail = DetailSanitizer.Clean(error.Detail),
        });

        if (_instruments.Errors.Enabled)
        {
            _instruments.Errors.Add(1, new TagList
            {
                { TelemetryTags.ErrorCategory, description.Code },
                { TelemetryTags.Component, error.Component },
                { TelemetryTags.ErrorFault, description.Fault.ToString().ToLowerInvariant() },
                { TelemetryTags.ErrorRetryable, description.Retryable },
            });
        }
    }

    internal void CompleteStage(StageTimer timer, bool success, ErrorCategory? category, string? detail, bool abandoned)
    {
        var elapsed = _time.GetElapsedTime(timer.StartTimestamp);
        var context = timer.Context;
        var cleanDetail = DetailSanitizer.Clean(detail);
        _buffer.TryAdd(new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Stage,
            Timestamp = _time.GetUtcNow(),
            Id = NextId(),
            Component = timer.Stage,
            CallSid = context.CallSid,
            TurnId = context.TurnId,
            Language = context.Language,
            Host = _host,
            Success = success,
            DurationMs = elapsed.TotalMilliseconds,
            Attempt = timer.Attempt,
            Provider = timer.Provider,
            Model = timer.Model,
            ErrorCategory = category,
            Retryable = category is { } r ? ErrorCatalog.Describe(r).Retryable : null,
            Fault = category is { } f ? ErrorCatalog.Describe(f).Fault : null,
            Detail = cleanDetail,
        });

        if (_instruments.StageDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryTags.Stage, timer.Stage },
                { TelemetryTags.Outcome, success ? "success" : "failure" },
            };
            if (timer.Provider is not null)
            {
                tags.Add(TelemetryTags.Provider, timer.Provider);
            }

            if (category is { } c)
            {
                tags.Add(TelemetryTags.ErrorType, ErrorCatalog.Describe(c).Code);
            }

            _instruments.StageDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (timer.Activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(TelemetryTags.Attempt, timer.Attempt);
                activity.SetTag(TelemetryTags.Provider, timer.Provider);
                activity.SetTag(TelemetryTags.GenAiRequestModel, timer.Model);
                if (category is { } c)
                {
                    activity.SetTag(TelemetryTags.ErrorType, ErrorCatalog.Describe(c).Code);
                }
            }

            activity.SetStatus(success ? ActivityStatusCode.Ok : ActivityStatusCode.Error, cleanDetail);
            activity.Dispose();
        }

        if (abandoned)
        {
            RecordError(new ErrorOccurrence(ErrorCategory.Internal, timer.Stage, context, AbandonedStageDetail, timer.Provider));
        }
    }

    string NextId() => _idPrefix + Interlocked.Increment(ref _sequence).ToString("x", CultureInfo.InvariantCulture);

    Activity? StartStageActivity(string stage, TelemetryContext context)
    {
        var source = TelemetryInstruments.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        var activity = Activity.Current is null && context.CallSid is { } callSid
            ? source.StartActivity(stage, ActivityKind.Internal, CallTrace.ContextFor(callSid))
            : source.StartActivity(stage, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.Stage, stage);
            activity.SetTag(TelemetryTags.CallSid, context.CallSid);
            activity.SetTag(TelemetryTags.GenAiConversationId, context.CallSid);
            activity.SetTag(TelemetryTags.TurnId, context.TurnId);
            activity.SetTag(TelemetryTags.Language, context.Language);
            activity.SetTag(TelemetryTags.Host, _host);
        }

        return activity;
    }

    void EmitCallSpan(SessionEvent session, DateTimeOffset end, double seconds, bool success)
    {
        var source = TelemetryInstruments.ActivitySource;
        if (!source.HasListeners())
        {
            return;
        }

        using var activity = source.StartActivity("call", ActivityKind.Internal, CallTrace.ContextFor(session.CallSid),
            startTime: end - TimeSpan.FromSeconds(seconds));
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryTags.CallSid, session.CallSid);
        activity.SetTag(TelemetryTags.GenAiConversationId, session.CallSid);
        activity.SetTag("voice.call.turns", session.Turns);
        activity.SetTag("voice.call.status", session.Status);
        activity.SetStatus(success ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        activity.SetEndTime(end.UtcDateTime);
    }

    void RecordUsageMetrics(ApiUsage usage, CostEstimate cost)
    {
        var outcome = usage.Success ? "success" : "failure";
        if (_instruments.ApiDuration.Enabled)
        {
            _instruments.ApiDuration.Record(usage.Latency.TotalSeconds, new TagList
            {
                { TelemetryTags.Service, usage.Service },
                { TelemetryTags.Outcome, outcome },
            });
        }

        var units = usage.Units;
        if (units?.AudioSeconds is > 0 && usage.Service == ApiServices.GoogleStt)
        {
            _instruments.SttAudio.Add(units.AudioSeconds.Value, new KeyValuePair<string, object?>(TelemetryTags.Service, usage.Service));
        }

        if (units?.Characters is > 0 && usage.Service == ApiServices.GoogleTts)
        {
            _instruments.TtsCharacters.Add(units.Characters.Value, new KeyValuePair<string, object?>(TelemetryTags.Service, usage.Service));
        }

        if (cost.CostUsd is > 0)
        {
            _instruments.Cost.Add(cost.CostUsd.Value, new KeyValuePair<string, object?>(TelemetryTags.Service, usage.Service));
        }

        var (operation, provider) = usage.Service switch
        {
            ApiServices.OpenAIChat => ("chat", "openai"),
            ApiServices.AzureOpenAIChat => ("chat", "azure.ai.openai"),
            ApiServices.OpenAIEmbeddings => ("embeddings", "openai"),
            ApiServices.AzureOpenAIEmbeddings => ("embeddings", "azure.ai.openai"),
            _ => (null, null),
        };
        if (operation is null)
        {
            return;
        }

        if (_instruments.GenAiOperationDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryTags.GenAiOperationName, operation },
                { TelemetryTags.GenAiProviderName, provider },
                { TelemetryTags.GenAiRequestModel, usage.Model },
            };
            if (!usage.Success)
            {
                tags.Add(TelemetryTags.ErrorType, usage.Error is { } e ? ErrorCatalog.Describe(e).Code : "_OTHER");
            }

            _instruments.GenAiOperationDuration.Record(usage.Latency.TotalSeconds, tags);
        }

        if (_instruments.GenAiTokenUsage.Enabled && units is not null)
        {
            if (units.InputTokens is { } input)
            {
                _instruments.GenAiTokenUsage.Record(input, new TagList
                {
                    { TelemetryTags.GenAiOperationName, operation },
                    { TelemetryTags.GenAiProviderName, provider },
                    { TelemetryTags.GenAiRequestModel, usage.Model },
                    { TelemetryTags.GenAiTokenType, "input" },
                });
            }

            if (units.OutputTokens is { } output)
            {
                _instruments.GenAiTokenUsage.Record(output, new TagList
                {
                    { TelemetryTags.GenAiOperationName, operation },
                    { TelemetryTags.GenAiProviderName, provider },
                    { TelemetryTags.GenAiRequestModel, usage.Model },
                    { TelemetryTags.GenAiTokenType, "output" },
                });
            }
        }
    }
}
