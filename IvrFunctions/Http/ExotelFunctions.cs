using IvrFunctions.Core.Http;
using IvrFunctions.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace IvrFunctions.Http;

/// <summary>The Exotel webhooks: each trigger hands the request to Core's <see cref="ExotelWebhooks"/> and returns its own result.</summary>
public sealed class ExotelFunctions(ExotelWebhooks webhooks)
{
    [Function("ExotelIncoming")]
    public async Task<IActionResult> Incoming(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = CallFlowEndpoints.Incoming)] HttpRequest request) =>
        new CoreResult(await webhooks.IncomingAsync(request, request.HttpContext.RequestAborted));

    /// <summary>Starts the turn as a Durable orchestration whose instance id is the turn id; answers 200/302 itself, never a check-status payload.</summary>
    [Function("ExotelQuestion")]
    public async Task<IActionResult> Question(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = CallFlowEndpoints.Question)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new CoreResult(await webhooks.QuestionAsync(request, new DurableTurnStarter(client), request.HttpContext.RequestAborted));

    [Function("ExotelAnswerReady")]
    public async Task<IActionResult> AnswerReady(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = CallFlowEndpoints.AnswerReady)] HttpRequest request) =>
        new CoreResult(await webhooks.AnswerReadyAsync(request, request.HttpContext.RequestAborted));

    [Function("ExotelAnswer")]
    public async Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = CallFlowEndpoints.Answer)] HttpRequest request) =>
        new CoreResult(await webhooks.AnswerAsync(request, request.HttpContext.RequestAborted));

    [Function("ExotelStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = CallFlowEndpoints.Status)] HttpRequest request) =>
        new CoreResult(await webhooks.StatusAsync(request, request.HttpContext.RequestAborted));
}
