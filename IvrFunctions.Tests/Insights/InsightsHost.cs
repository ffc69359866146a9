using System.Net.Http.Json;
using System.Text.Json;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Hosting;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Insights;

/// <summary>
/// The real SelfHost on loopback with a <see cref="FakeTimeProvider"/>, telemetry, alert and open-call tables of its own, and the
/// alert and open-call expiry timers off (tests evaluate and expire when they choose). Telemetry is seeded through the host's own capture API and flusher.
/// </summary>
sealed class InsightsHost : IAsyncDisposable
{
    InsightsHost(SelfHostServer server, FakeTimeProvider time, string recordsTable, string rollupsTable, string alertsTable, string openCallsTable)
    {
        OpenCallsTable = openCallsTable;
        Server = server;
        Time = time;
        RecordsTablePrefix = recordsTable;
        RollupsTable = rollupsTable;
        AlertsTable = alertsTable;
        Client = server.KeyedClient();
    }

    public SelfHostServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public string RecordsTablePrefix { get; }

    public string RollupsTable { get; }

    public string AlertsTable { get; }

    public string OpenCallsTable { get; }

    public ITelemetry Telemetry => Server.Services.GetRequiredService<ITelemetry>();

    public T Get<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    public static async Task<InsightsHost> StartAsync(DateTimeOffset now, params string[] settings) =>
        await StartAsync(now, null, null, settings);

    /// <summary>Shares <paramref name="tablesOf"/>'s tables (a second instance of the same deployment) when given.</summary>
    public static async Task<InsightsHost> StartAsync(DateTimeOffset now, InsightsHost? tablesOf, Action<IServiceCollection>? services, params string[] settings)
    {
        var time = new FakeTimeProvider(now);
        var records = tablesOf?.RecordsTablePrefix ?? TestAzurite.UniqueRecordsPrefix("insrec");
        var rollups = tablesOf?.RollupsTable ?? TestAzurite.UniqueName("insrol");
        var alerts = tablesOf?.AlertsTable ?? TestAzurite.UniqueName("insalert");
        var openCalls = tablesOf?.OpenCallsTable ?? TestAzurite.UniqueName("insopen");
        var server = await SelfHostServer.StartAsync(
            null,
            s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
                foreach (var expiry in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OpenCallExpiryService)).ToList())
                {
                    s.Remove(expiry);
                }

                services?.Invoke(s);
            },
            [
                $"--Telemetry:RecordsTablePrefix={records}",
                $"--Telemetry:RollupsTable={rollups}",
                $"--Telemetry:HourlyRollupsTable={rollups}h",
                $"--Alerts:TableName={alerts}",
                $"--Sessions:OpenCallsTable={openCalls}",
                "--Alerts:Enabled=false",
                "--Alerts:Webhook:RetryDelay=00:00:00.050",
                .. settings,
            ]);
        return new InsightsHost(server, time, records, rollups, alerts, openCalls);
    }

    /// <summary>
    /// Evaluates alerts as the timer would. Webhook retries wait on the host's (fake) clock, so while the evaluation runs the
    /// clock is moved on in small steps, as real time would pass.
    /// </summary>
    public async Task<IReadOnlyList<Core.Insights.Alerts.AlertTransitionEntity>> EvaluateAlertsAsync()
    {
        var evaluation = Get<Core.Insights.Alerts.AlertService>().EvaluateAsync();
        while (!evaluation.IsCompleted)
        {
            await Task.WhenAny(evaluation, Task.Delay(10));
            if (!evaluation.IsCompleted)
            {
                Time.Advance(TimeSpan.FromMilliseconds(25));
            }
        }

        return await evaluation;
    }

    /// <summary>Seeds telemetry through this host's capture API and open-call register.</summary>
    public TelemetrySeeder Seeder() => new(Telemetry, Time, Get<Core.Sessions.OpenCallRegister>());

    /// <summary>Writes everything captured so far to the tables.</summary>
    /// <summary>Records what the webhooks queued (session events wait for their open-call count) and writes it all to storage.</summary>
    public async Task FlushAsync()
    {
        await Get<OpenCallTracker>().WhenRecordedAsync();
        await Get<TelemetryFlusher>().FlushAsync();
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        var response = await Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string pathAndQuery, object? body) =>
        body is null
            ? await Client.PostAsync(new Uri(pathAndQuery, UriKind.Relative), null)
            : await Client.PostAsJsonAsync(new Uri(pathAndQuery, UriKind.Relative), body);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
