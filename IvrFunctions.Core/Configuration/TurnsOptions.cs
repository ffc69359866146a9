namespace IvrFunctions.Core.Configuration;

/// <summary>How a call turn runs: deadline, retries, recording limits and the in-process worker pool (section <c>Turns</c>).</summary>
public sealed class TurnsOptions
{
    public const string SectionName = "Turns";

    /// <summary>From the question webhook to a spoken answer or fallback. The default value is <c>10</c>.</summary>
    public double DeadlineSeconds { get; set; } = 10;

    /// <summary>How long <c>exotel/answer</c> waits for a running turn before speaking a hold text. The default value is <c>4</c>.</summary>
    public double AnswerWaitSeconds { get; set; } = 4;

    /// <summary>How long <c>exotel/answer-ready</c> waits for a running turn before answering 302. The default value is <c>2</c>.</summary>
    public double ReadyWaitSeconds { get; set; } = 2;

    /// <summary>Attempts per stage for retryable failures (timeouts, 429, 5xx). The default value is <c>3</c>.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Time limit of one provider attempt. The default value is <c>4</c>.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 4;

    /// <summary>First retry delay, doubled per retry; a provider's Retry-After wins when longer. The default value is <c>200</c>.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 200;

    /// <summary>
    /// How long past its deadline a finished turn's completion is retried while storage fails; then it is given up and counted
    /// as a storage error. The default value is <c>300</c>.
    /// </summary>
    public double CompletionRetrySeconds { get; set; } = 300;

    /// <summary>Largest recording downloaded. The default value is <c>5242880</c> (5 MiB).</summary>
    public long MaxRecordingBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Longest recording transcribed. The default value is <c>120</c>.</summary>
    public double MaxRecordingSeconds { get; set; } = 120;

    /// <summary>SelfHost: turns run at once by the in-process worker pool (they mostly wait on I/O). The default value is <c>64</c>.</summary>
    public int Workers { get; set; } = 64;

    /// <summary>SelfHost: turns waiting for a worker before new questions are refused (302). The default value is <c>256</c>.</summary>
    public int QueueCapacity { get; set; } = 256;
}
