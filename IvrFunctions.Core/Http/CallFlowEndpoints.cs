using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IvrFunctions.Core.Http;

/// <summary>The Exotel call-flow routes, their turn view and the answer audio route (mapped by <see cref="IvrEndpoints"/>).</summary>
public static class CallFlowEndpoints
{
    public const string Incoming = "exotel/incoming";
    public const string Question = "exotel/question";
    public const string AnswerReady = "exotel/answer-ready";
    public const string Answer = "exotel/answer";
    public const string Status = "exotel/status";

    static readonly string[] GetPost = [HttpMethods.Get, HttpMethods.Post];
    static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapCallFlowEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapMethods(Incoming, GetPost, (HttpRequest request, [FromServices] ExotelWebhooks webhooks, CancellationToken ct) =>
            webhooks.IncomingAsync(request, ct)).WithName("ExotelIncoming");
        api.MapMethods(Question, GetPost, (HttpRequest request, [FromServices] ExotelWebhooks webhooks, [FromServices] ITurnStarter starter, CancellationToken ct) =>
            webhooks.QuestionAsync(request, starter, ct)).WithName("ExotelQuestion");
        api.MapMethods(AnswerReady, GetPost, (HttpRequest request, [FromServices] ExotelWebhooks webhooks, CancellationToken ct) =>
            webhooks.AnswerReadyAsync(request, ct)).WithName("ExotelAnswerReady");
        api.MapMethods(Answer, GetHead, (HttpRequest request, [FromServices] ExotelWebhooks webhooks, CancellationToken ct) =>
            webhooks.AnswerAsync(request, ct)).WithName("ExotelAnswer");
        api.MapMethods(Status, GetPost, (HttpRequest request, [FromServices] ExotelWebhooks webhooks, CancellationToken ct) =>
            webhooks.StatusAsync(request, ct)).WithName("ExotelStatus");
        api.MapGet(TurnEndpoint.Route, (string turnId, HttpRequest request, [FromServices] TurnStore turns, [FromServices] SessionStore sessions,
            [FromServices] AnswerAudioUrls urls, [FromServices] TimeProvider time, CancellationToken ct) =>
            TurnEndpoint.HandleAsync(turnId, request, turns, sessions, urls, time, ct)).WithName("Turn");
        api.MapMethods(AudioEndpoint.Route, GetHead, (string turnId, string expires, string file, [FromServices] TurnStore turns,
            [FromServices] StorageAccount storage, [FromServices] AnswerAudioUrls urls, CancellationToken ct) =>
            AudioEndpoint.HandleAsync(turnId, expires, file, turns, storage, urls, ct))
            .WithName("AnswerAudio")
            .WithMetadata(new IvrEndpoints.AnonymousRoute());
        return api;
    }
}
