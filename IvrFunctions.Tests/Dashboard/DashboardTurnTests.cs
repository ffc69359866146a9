using System.Globalization;
using System.Net;
using System.Text.Json;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>
/// The turn panel with a real turn: an Exotel call walked through the call-flow harness (fake providers, fake recording
/// host) completes a turn, then the dashboard served by that same host shows it as the API returns it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTurnTests(DashboardFixture fixture) : IAsyncLifetime
{
    const string CallFrom = "09876543210";

    CallFlowHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await CallFlowHarness.StartAsync();
        // Latencies on both sides of a second, so the page formats both "ms" and "s" durations.
        _harness.Speech.Behaviour.Latency = TimeSpan.FromMilliseconds(300);
        _harness.Answers.Behaviour.Latency = TimeSpan.FromMilliseconds(1200);
        _harness.Synthesizer.Behaviour.Latency = TimeSpan.FromMilliseconds(150);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TurnPanel_RealCompletedTurn_ShowsTheApisStagesDurationsTextAndMaskedCaller()
    {
        var turnId = await WalkOneCallAsync();
        var turn = await _harness.TurnJsonAsync(turnId);
        var apiStages = turn.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["stt", "rag", "tts"], apiStages.Select(s => s.GetProperty("name").GetString()));

        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(new Uri(_harness.Server.BaseAddress, "/dashboard/"), SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        await page.Page.GetByLabel("Open a turn by id").FillAsync(turnId);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Show timeline" }).ClickAsync();
        await page.Page.Locator($"#turn-panel[data-turn-id='{turnId}']").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal($"Turn {turnId}", await page.Page.Locator("#turn-heading").InnerTextAsync());

        var totalMs = turn.GetProperty("totalMs").GetDouble();
        Assert.True(totalMs >= apiStages.Sum(s => s.GetProperty("durationMs").GetDouble()), "the turn's total covers its stages");

        // The stages table: one row per stage the API returned, in its order, with its duration and result, then the whole turn.
        var rows = await page.Page.EvalOnSelectorAllAsync<string[][]>("#turn-stages tbody tr",
            "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))");
        Assert.Equal(["stt", "rag", "tts", "turn"], rows.Select(r => r[0]));
        for (var i = 0; i < apiStages.Count; i++)
        {
            var api = apiStages[i];
            Assert.Equal(api.GetProperty("name").GetString(), rows[i][0]);
            Assert.Equal(Ms(api.GetProperty("durationMs").GetDouble()), rows[i][2]);
            Assert.Equal(api.GetProperty("attempts").GetInt32().ToString(CultureInfo.InvariantCulture), rows[i][3]);
            Assert.Equal("ok", rows[i][4]);
        }

        Assert.Equal(["turn", "0 ms", Ms(totalMs), "–", "ok"], rows[^1][..5]);

        // The timeline chart: one bar per stage, from its start (after the question was accepted) for its duration; the turn from 0.
        var bars = await page.Page.EvaluateAsync<JsonElement>(
            "() => { const c = window.Chart.getChart(document.getElementById('chart-turn')); return { labels: c.data.labels, bars: c.data.datasets[0].data }; }");
        Assert.Equal(["stt", "rag", "tts", "turn"], bars.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var accepted = turn.GetProperty("acceptedAt").GetDateTimeOffset();
        var chartBars = bars.GetProperty("bars").EnumerateArray().ToList();
        for (var i = 0; i < apiStages.Count; i++)
        {
            var from = chartBars[i][0].GetDouble();
            var to = chartBars[i][1].GetDouble();
            var startsAt = (apiStages[i].GetProperty("startedAt").GetDateTimeOffset() - accepted).TotalMilliseconds;
            Assert.InRange(from, startsAt - 1, startsAt + 1); // the page parses times to whole milliseconds
            Assert.Equal(apiStages[i].GetProperty("durationMs").GetDouble(), to - from, 3);
            Assert.InRange(to, 0, totalMs + 1); // inside the turn's bar
        }

        Assert.Equal(0, chartBars[^1][0].GetDouble());
        Assert.Equal(totalMs, chartBars[^1][1].GetDouble());

        // The turn itself: its total, status, masked caller and the question and answer texts.
        var facts = await Facts(page.Page);
        Assert.Equal(Ms(totalMs), facts["Total"]);
        Assert.Equal(turn.GetProperty("status").GetString(), facts["Status"]);
        Assert.Equal("completed", facts["Status"]);
        Assert.Equal(turn.GetProperty("callSid").GetString(), facts["Call"]);
        Assert.Equal("+91******3210", facts["Caller"]);
        Assert.Equal(turn.GetProperty("caller").GetString(), facts["Caller"]);
        var texts = await page.Page.Locator("#turn-summary .turn-text").AllInnerTextsAsync();
        Assert.Equal([$"Question: {turn.GetProperty("transcript").GetString()}", $"Answer: {turn.GetProperty("answerText").GetString()}"], texts);
        Assert.Equal(_harness.Speech.Transcript, turn.GetProperty("transcript").GetString());
        Assert.DoesNotContain("9876543210", await page.Page.Locator("#turn-panel").InnerTextAsync(), StringComparison.Ordinal);

        await page.Page.Locator("#turn-panel").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("dashboard-turn-real", fullPage: false);
        await page.Page.Locator("#turn-panel").ScreenshotAsync(new() { Path = Screenshots.PathFor("dashboard-turn-real-panel") });
        Assert.Empty(page.ConsoleErrors);
    }

    /// <summary>incoming → question → answer-ready, as Exotel calls them; returns the completed turn's id.</summary>
    async Task<string> WalkOneCallAsync()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");
        var incoming = await _harness.GetAsync("exotel/incoming", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["CallFrom"] = CallFrom,
            ["CallTo"] = "08047491899",
            ["Direction"] = "incoming",
        });
        Assert.Equal(HttpStatusCode.OK, incoming.StatusCode);
        var question = await _harness.PostFormAsync("exotel/question", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["RecordingUrl"] = recording,
            ["digits"] = "\"1\"",
            ["CallFrom"] = CallFrom,
        });
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));
        return TurnIds.For(callSid, recording);
    }

    /// <summary>The panel's facts (<c>dt</c> → <c>dd</c>).</summary>
    static async Task<Dictionary<string, string>> Facts(IPage page)
    {
        var pairs = await page.EvalOnSelectorAllAsync<string[][]>("#turn-summary .turn-facts div",
            "items => items.map(d => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])");
        return pairs.ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>As the page's <c>format.ms</c> in en-US: whole milliseconds below a second, seconds to two places above.</summary>
    static string Ms(double value) => value < 1000
        ? $"{Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture)} ms"
        : $"{(value / 1000).ToString("#,0.##", CultureInfo.InvariantCulture)} s";
}
