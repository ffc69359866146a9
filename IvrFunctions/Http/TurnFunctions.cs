using IvrFunctions.Core.Http;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Http;

/// <summary>The turn view (key required) and the answer audio Exotel fetches (anonymous, signed URL).</summary>
public sealed class TurnFunctions(TurnStore turns, SessionStore sessions, StorageAccount storage, AnswerAudioUrls urls, TimeProvider time)
{
    [Function("Turn")]
    public async Task<IActionResult> Turn(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = TurnEndpoint.Route)] HttpRequest request, string turnId) =>
        new CoreResult(await TurnEndpoint.HandleAsync(turnId, request, turns, sessions, urls, time, request.HttpContext.RequestAborted));

    [Function("AnswerAudio")]
    public async Task<IActionResult> Audio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AudioEndpoint.Route)] HttpRequest request,
        string turnId, string expires, string file) =>
        new CoreResult(await AudioEndpoint.HandleAsync(turnId, expires, file, turns, storage, urls, request.HttpContext.RequestAborted));
}
