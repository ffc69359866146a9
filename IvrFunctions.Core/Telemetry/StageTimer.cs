using System.Diagnostics;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry;

/// <summary>One stage being timed; records itself once, on the first <see cref="Dispose"/>.</summary>
sealed class StageTimer(TableTelemetry owner, string stage, TelemetryContext context, long startTimestamp, Activity? activity) : IStageTimer
{
    const int Pending = 0;
    const int Succeeded = 1;
    const int Failed = 2;

    int _outcome;
    int _disposed;
    ErrorCategory? _category;
    string? _detail;

    public string Stage { get; } = stage;

    public TelemetryContext Context { get; } = context;

    public long StartTimestamp { get; } = startTimestamp;

    public Activity? Activity { get; } = activity;

    public string? Provider { get; private set; }

    public string? Model { get; private set; }

    public int Attempt { get; set; } = 1;

    public void SetProvider(string provider, string? model = null)
    {
        Provider = provider;
        Model = model;
    }

    public void Succeed()
    {
        _outcome = Succeeded;
        _category = null;
        _detail = null;
    }

    public void Fail(ErrorCategory category, string? detail = null)
    {
        _outcome = Failed;
        _category = category;
        _detail = detail;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        switch (_outcome)
        {
            case Succeeded:
                owner.CompleteStage(this, success: true, category: null, detail: null, abandoned: false);
                break;
            case Failed:
                owner.CompleteStage(this, success: false, _category, _detail, abandoned: false);
                break;
            default:
                owner.CompleteStage(this, success: false, ErrorCategory.Internal, TableTelemetry.AbandonedStageDetail, abandoned: true);
                break;
        }
    }
}
