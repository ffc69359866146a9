namespace IvrFunctions.Core.Telemetry;

/// <summary>Tag (attribute) names used on metrics and spans.</summary>
public static class TelemetryTags
{
    public const string Stage = "voice.stage";
    public const string Component = "voice.component";
    public const string Service = "voice.service";
    public const string Provider = "voice.provider";
    public const string Outcome = "voice.outcome";
    public const string ErrorType = "error.type";
    public const string ErrorCategory = "error.category";
    public const string ErrorFault = "error.fault";
    public const string ErrorRetryable = "error.retryable";
    public const string CacheKind = "cache.kind";
    public const string CacheResult = "cache.result";
    public const string GenAiOperationName = "gen_ai.operation.name";
    public const string GenAiRequestModel = "gen_ai.request.model";
    public const string GenAiProviderName = "gen_ai.provider.name";
    public const string GenAiTokenType = "gen_ai.token.type";
    public const string GenAiConversationId = "gen_ai.conversation.id";
    public const string CallSid = "voice.call.sid";
    public const string TurnId = "voice.turn.id";
    public const string Attempt = "voice.attempt";
    public const string Language = "voice.language";
    public const string Host = "voice.host";
}
