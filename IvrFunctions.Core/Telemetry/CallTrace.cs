using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// A call spans several webhooks (and, in Functions, several activity invocations), so no single live span can cover it.
/// Instead every span of a call shares a trace id derived from its CallSid, under a deterministic call-level parent span id:
/// turns and their stages land in one trace per call (one "operation" in Application Insights).
/// </summary>
public static class CallTrace
{
    public static ActivityContext ContextFor(string callSid)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(callSid), hash);
        var traceId = ActivityTraceId.CreateFromBytes(hash[..16]);
        var spanId = ActivitySpanId.CreateFromBytes(hash.Slice(16, 8));
        return new ActivityContext(traceId, spanId, ActivityTraceFlags.Recorded, isRemote: true);
    }
}
