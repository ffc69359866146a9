using System.Net;
using System.Net.Http.Json;
using IvrFunctions.Core.Insights.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>
/// Delivers undelivered transitions to <c>Alerts:Webhook:Url</c>: claims each (so two instances never send the same one),
/// POSTs it with <c>Idempotency-Key: &lt;transition id&gt;</c>, retries transient failures (network, 408, 429, 5xx) with
/// doubling delays, and marks it delivered on a 2xx, after which it is never sent again. What still fails is retried at
/// the next evaluation, with the same key.
/// </summary>
public sealed class AlertNotifier(
    IHttpClientFactory httpClients,
    AlertStore store,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertNotifier> logger)
{
    public const string HttpClientName = "alerts-webhook";
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        var webhook = options.Value.Webhook;
        if (webhook.Url is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var delivered = 0;
        var claimFor = TimeSpan.FromTicks(Math.Max(webhook.Timeout.Ticks, TimeSpan.FromSeconds(1).Ticks) * Math.Max(1, webhook.MaxAttempts) * 2)
            + TimeSpan.FromTicks(webhook.RetryDelay.Ticks * (1L << Math.Min(10, webhook.MaxAttempts)));
        foreach (var transition in await store.ReadUndeliveredAsync(now.AddDays(-1), now, cancellationToken))
        {
            // A transition the receiver keeps refusing is given up after a bounded number of tries over several evaluations.
            if (transition.Attempts >= Math.Max(1, webhook.MaxAttempts) * 5 || !await store.TryClaimAsync(transition, now + claimFor, cancellationToken))
            {
                continue;
            }

            var ok = await SendWithRetriesAsync(webhook, transition, cancellationToken);
            transition.Delivered = ok;
            transition.ClaimedUntil = null;
            await store.SaveDeliveryAsync(transition, cancellationToken);
            delivered += ok ? 1 : 0;
        }

        return delivered;
    }

    async Task<bool> SendWithRetriesAsync(AlertWebhookOptions webhook, AlertTransitionEntity transition, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var payload = AlertWebhookPayload.From(transition);
        var delay = webhook.RetryDelay;
        for (var attempt = 1; attempt <= Math.Max(1, webhook.MaxAttempts); attempt++)
        {
            transition.Attempts++;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(webhook.Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = JsonContent.Create(payload) };
                request.Headers.Add(IdempotencyHeader, transition.TransitionId);
                using var response = await client.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    transition.LastError = null;
                    logger.LogInformation("Alert {Rule} {State} delivered to the webhook after {Attempts} attempt(s)", transition.Rule, transition.State, attempt);
                    return true;
                }

                transition.LastError = $"HTTP {(int)response.StatusCode}";
                if (!IsTransient(response.StatusCode))
                {
                    logger.LogWarning("Alert webhook refused {Rule} {State} with {Status}; not retrying", transition.Rule, transition.State, (int)response.StatusCode);
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                transition.LastError = ex is OperationCanceledException ? "timeout" : ex.GetType().Name;
            }

            if (attempt < webhook.MaxAttempts)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay += delay;
            }
        }

        logger.LogWarning("Alert webhook delivery of {Rule} {State} failed after {Attempts} attempts ({Error}); retrying at the next evaluation",
            transition.Rule, transition.State, webhook.MaxAttempts, transition.LastError);
        return false;
    }

    static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
