using Azure;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Storage;

/// <summary>
/// Recognises what the storage SDK throws when Table or Blob storage fails, in one place. A refused request is a
/// <see cref="RequestFailedException"/> (status 0 when the transport failed); once the pipeline's own retries run out it is
/// an <see cref="AggregateException"/> of those (connection refused, reset, network timeout).
/// </summary>
public static class StorageFailures
{
    /// <summary>True when <paramref name="exception"/> is a storage failure (never a caller's cancellation, never a bug).</summary>
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        RequestFailedException or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsAttemptFailure),
        _ => false,
    };

    /// <summary>
    /// True when the table or container itself is missing (404 <c>TableNotFound</c> / <c>ContainerNotFound</c>): storage came
    /// back without what provisioning created (an in-memory Azurite restarted, an account recreated).
    /// </summary>
    public static bool IsMissingTableOrContainer(Exception exception) =>
        exception is RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "ContainerNotFound" };

    /// <summary>The failure as <see cref="ErrorCategory.Storage"/>, saying which store and what storage answered.</summary>
    public static ClassifiedException Classify(string store, Exception exception) =>
        new(ErrorCategory.Storage, $"{store}: {Describe(exception)}", exception);

    /// <summary>
    /// Status and error code when storage answered; else the transport's message (connection refused, timeout). Of the
    /// pipeline's retries, the last attempt is described.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var last = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[^1] : exception;
        return last is RequestFailedException { Status: > 0 } failed ? $"{failed.Status} {failed.ErrorCode}".Trim() : last.GetBaseException().Message;
    }

    // One attempt inside the pipeline's retries: a refused request, a transport failure, or the network timeout (a
    // cancellation caused by a TimeoutException, not by the caller's token).
    static bool IsAttemptFailure(Exception exception) =>
        exception is RequestFailedException or HttpRequestException or IOException
        || exception is OperationCanceledException { InnerException: TimeoutException };
}
