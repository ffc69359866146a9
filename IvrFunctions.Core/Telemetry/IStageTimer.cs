using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// Times one stage from <see cref="ITelemetry.StartStage"/> to <see cref="IDisposable.Dispose"/>. Call <see cref="Succeed"/> or
/// <see cref="Fail"/> before disposing; a timer disposed with neither is recorded as an <see cref="ErrorCategory.Internal"/> failure,
/// so an exception that escapes a <c>using</c> block is never counted as a success.
/// </summary>
public interface IStageTimer : IDisposable
{
    /// <summary>Names the provider (and model) that served the stage, once known.</summary>
    void SetProvider(string provider, string? model = null);

    /// <summary>1 for the first try; retries count up.</summary>
    int Attempt { get; set; }

    void Succeed();

    void Fail(ErrorCategory category, string? detail = null);
}
