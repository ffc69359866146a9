using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.SelfHost.Hosting;

namespace IvrFunctions.LoadDriver;

/// <summary>
/// Starts Azurite (in memory), a loopback recording host and the SelfHost with fake providers (zero latency, or
/// <c>--stt-ms/--rag-ms/--tts-ms</c>), then walks many concurrent calls through the Exotel webhooks and prints latency
/// percentiles, platform overhead per turn, errors and memory as Markdown. Bounded: callers × turns, and
/// <c>--max-seconds</c> for the whole measured run.
/// </summary>
static class LoadRun
{
    const string Key = "load-driver-key-0123456789";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var callers = Option(args, "--callers", 50);
        var turnsPerCaller = Option(args, "--turns", 20);
        var workers = Option(args, "--workers", 64);
        var thinkMs = Option(args, "--think-ms", 0);
        var arrivalMs = Option(args, "--arrival-ms", 0);
        var maxSeconds = Option(args, "--max-seconds", 600);
        ZeroLatencyProviders.TranscribeDelay = TimeSpan.FromMilliseconds(Option(args, "--stt-ms", 0));
        ZeroLatencyProviders.AnswerDelay = TimeSpan.FromMilliseconds(Option(args, "--rag-ms", 0));
        ZeroLatencyProviders.SynthesizeDelay = TimeSpan.FromMilliseconds(Option(args, "--tts-ms", 0));
        var realistic = ZeroLatencyProviders.TranscribeDelay + ZeroLatencyProviders.AnswerDelay + ZeroLatencyProviders.SynthesizeDelay > TimeSpan.Zero;
        var time = TimeProvider.System;

        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), null));
        await using var recordings = await LoopbackWebApp.StartAsync(app => app.MapGet("/rec/{name}", () => Results.Bytes(Wav.Silence(1), "audio/wav")));
        var host = SelfHostApplication.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--environment=Production",
                $"--AzureWebJobsStorage={azurite.Settings.ConnectionString}",
                $"--Ivr:FunctionKey={Key}",
                "--Telemetry:CallerHashKey=load-driver-caller-hash-key-0123456789",
                "--Exotel:RecordingHosts:0=127.0.0.1",
                $"--Turns:Workers={workers}",
                "--Turns:QueueCapacity=5000",
                "--Logging:LogLevel:Default=Warning",
            ],
            services =>
            {
                services.AddSingleton<ZeroLatencyProviders>();
                services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<ZeroLatencyProviders>());
                services.AddSingleton<IAnswerService>(sp => sp.GetRequiredService<ZeroLatencyProviders>());
                services.AddSingleton<IAnswerAudioSynthesizer>(sp => sp.GetRequiredService<ZeroLatencyProviders>());
            });
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync();
            var baseAddress = LoopbackWebApp.AddressOf(host.Services);
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 512 })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var turnStore = host.Services.GetRequiredService<TurnStore>();

            await output.WriteLineAsync($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            await output.WriteLineAsync($"Warm-up: 5 callers × 5 turns");
            var warmUp = new CallDriver(http, recordings.BaseAddress, time, TimeSpan.Zero);
            await RunCallersAsync(5, 5, warmUp, new Percentiles("warm-up question"), new Percentiles("warm-up ready"), new Percentiles("warm-up answer"));

            var question = new Percentiles($"question webhook → 200 ({callers} concurrent callers)");
            var ready = new Percentiles("question → answer-ready 200");
            var answer = new Percentiles("answer (turn already complete)");
            var driver = new CallDriver(http, recordings.BaseAddress, time, TimeSpan.FromMilliseconds(thinkMs), TimeSpan.FromMilliseconds(arrivalMs));
            var watch = Stopwatch.StartNew();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Run started at {time.GetUtcNow():HH:mm:ss.f} UTC"));
            using var memory = new MemorySampler(time);
            using var stalls = args.Contains("--timeline") ? new StallSampler(time, azurite.ProcessId) : null;
            var run = RunCallersAsync(callers, turnsPerCaller, driver, question, ready, answer);
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(maxSeconds), time);
            }
            catch (TimeoutException)
            {
                await output.WriteLineAsync($"Stopped after --max-seconds {maxSeconds}: unfinished calls count as errors.");
                driver.CountFailure();
            }

            var elapsed = watch.Elapsed;
            var steady = memory.Stop();

            Percentiles? afterCompletion = null;
            if (!realistic)
            {
                ZeroLatencyProviders.AnswerDelay = TimeSpan.FromMilliseconds(300);
                afterCompletion = new Percentiles("answer returned after its turn completed (RAG 300 ms, answer requested at once)");
                await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => driver.AnswerAfterCompletionAsync(5, turnStore, afterCompletion)));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Load: {callers} callers × {turnsPerCaller} turns = {question.Count} turns in {elapsed.TotalSeconds:0.0} s ({question.Count / elapsed.TotalSeconds:0.0} turns/s), think time {thinkMs} ms, {(arrivalMs > 0 ? $"calls arriving over {arrivalMs} ms" : "all calls arriving at once")}, Turns:Workers={workers}, provider latency STT {ZeroLatencyProviders.TranscribeDelay.TotalMilliseconds} / RAG {ZeroLatencyProviders.AnswerDelay.TotalMilliseconds} / TTS {ZeroLatencyProviders.SynthesizeDelay.TotalMilliseconds} ms"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Load average at the end: {LoadAverage()}"));
            await output.WriteLineAsync();
            await output.WriteLineAsync("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("| --- | --- | --- | --- | --- | --- |");
            foreach (var p in new[] { question, driver.OtherAcks, driver.AllAcks, ready, driver.Overhead, answer, afterCompletion })
            {
                if (p is not null)
                {
                    await output.WriteLineAsync(p.Row());
                }
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Errors (unexpected status, transport failure or unfinished call): {driver.Failures} (warm-up: {warmUp.Failures}); answers that were a fallback or text instead of an audio URL: {driver.Fallbacks}"));
            await output.WriteLineAsync(steady);
            foreach (var row in stalls?.Stop() ?? [])
            {
                await output.WriteLineAsync(row);
            }
            await output.WriteLineAsync();
            foreach (var p in new[] { question, driver.OtherAcks, driver.Overhead })
            {
                await output.WriteLineAsync(p.SlowestStarts());
            }

            return driver.Failures + warmUp.Failures == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    static Task RunCallersAsync(int callers, int turns, CallDriver driver, Percentiles question, Percentiles ready, Percentiles answer) =>
        Task.WhenAll(Enumerable.Range(0, callers).Select(_ => driver.CallAsync(turns, question, ready, answer)));

    static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>
    /// Walks calls through the webhooks. Each call arrives at a random moment within <paramref name="arrival"/> (zero: all at
    /// once, a burst), asks its first question within <paramref name="think"/> of arriving, then one every think time.
    /// </summary>
    sealed class CallDriver(HttpClient http, Uri recordings, TimeProvider time, TimeSpan think, TimeSpan arrival = default)
    {
        readonly long _created = time.GetTimestamp();

        int _failures;
        int _fallbacks;

        public int Failures => _failures;

        public int Fallbacks => _fallbacks;

        public Percentiles Overhead { get; } = new("platform overhead per turn (answer-ready 200 minus time in providers)");

        public Percentiles OtherAcks { get; } = new("incoming and status webhooks → 200");

        /// <summary>Every acknowledgement Exotel waits for (incoming, question, status); answer-ready and answer wait for the turn by design.</summary>
        public Percentiles AllAcks { get; } = new("all webhook acks (incoming, question, status)");

        public void CountFailure() => Interlocked.Increment(ref _failures);

        public async Task CallAsync(int turns, Percentiles question, Percentiles ready, Percentiles answer)
        {
            var callSid = Guid.NewGuid().ToString("N");
            if (arrival > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)arrival.TotalMilliseconds)), time);
            }

            var incoming = time.GetTimestamp();
            await SendAsync(HttpMethod.Get, "exotel/incoming", $"CallSid={callSid}&CallFrom=09876543210&CallTo=08047491899", HttpStatusCode.OK);
            OtherAcks.Add(time.GetElapsedTime(incoming).TotalMilliseconds, SecondsIntoRun(incoming));
            AllAcks.Add(time.GetElapsedTime(incoming).TotalMilliseconds);
            for (var turn = 0; turn < turns; turn++)
            {
                if (think > TimeSpan.Zero)
                {
                    // The caller listens to the answer and asks the next question; spread the first turns out.
                    await Task.Delay(turn == 0 ? TimeSpan.FromMilliseconds(Random.Shared.Next((int)think.TotalMilliseconds)) : think, time);
                }

                var recordingUrl = new Uri(recordings, $"rec/{callSid}-{turn}.wav").AbsoluteUri;
                var recording = Uri.EscapeDataString(recordingUrl);
                var started = time.GetTimestamp();
                await SendAsync(HttpMethod.Get, "exotel/question", $"CallSid={callSid}&RecordingUrl={recording}", HttpStatusCode.OK);
                question.Add(time.GetElapsedTime(started).TotalMilliseconds, SecondsIntoRun(started));
                AllAcks.Add(time.GetElapsedTime(started).TotalMilliseconds);
                while ((await SendAsync(HttpMethod.Get, "exotel/answer-ready", $"CallSid={callSid}", null)) != HttpStatusCode.OK)
                {
                }

                var readyMs = time.GetElapsedTime(started).TotalMilliseconds;
                ready.Add(readyMs);
                Overhead.Add(Math.Max(0, readyMs - ZeroLatencyProviders.ProviderTime(TurnIds.For(callSid, recordingUrl))), SecondsIntoRun(started));
                var answerStarted = time.GetTimestamp();
                using var answered = await http.GetAsync($"/api/exotel/answer?code={Key}&CallSid={callSid}");
                var body = await answered.Content.ReadAsStringAsync();
                answer.Add(time.GetElapsedTime(answerStarted).TotalMilliseconds);
                if (answered.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _failures);
                }
                else if (!body.StartsWith("http", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _fallbacks);
                }
            }

            var status = time.GetTimestamp();
            await SendAsync(HttpMethod.Post, "exotel/status", $"CallSid={callSid}&Status=completed&ConversationDuration=60", HttpStatusCode.OK);
            OtherAcks.Add(time.GetElapsedTime(status).TotalMilliseconds, SecondsIntoRun(status));
            AllAcks.Add(time.GetElapsedTime(status).TotalMilliseconds);
        }

        double SecondsIntoRun(long timestamp) => time.GetElapsedTime(_created, timestamp).TotalSeconds;

        /// <summary>Asks for the answer right after the question, while the turn runs, and measures how long after the
        /// turn's completion (its stored CompletedAt) the answer arrived.</summary>
        public async Task AnswerAfterCompletionAsync(int turns, TurnStore store, Percentiles afterCompletion)
        {
            var callSid = Guid.NewGuid().ToString("N");
            for (var turn = 0; turn < turns; turn++)
            {
                var url = new Uri(recordings, $"rec/{callSid}-{turn}.wav").AbsoluteUri;
                await SendAsync(HttpMethod.Get, "exotel/question", $"CallSid={callSid}&RecordingUrl={Uri.EscapeDataString(url)}", HttpStatusCode.OK);
                await SendAsync(HttpMethod.Get, "exotel/answer", $"CallSid={callSid}", HttpStatusCode.OK);
                var received = time.GetUtcNow();
                var record = await store.GetAsync(TurnIds.For(callSid, url), CancellationToken.None);
                if (record?.CompletedAt is { } completed)
                {
                    afterCompletion.Add(Math.Max(0, (received - completed).TotalMilliseconds));
                }
                else
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }

        async Task<HttpStatusCode> SendAsync(HttpMethod method, string route, string query, HttpStatusCode? expected)
        {
            using var request = new HttpRequestMessage(method, $"/api/{route}?code={Key}&{query}");
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failures);
                return HttpStatusCode.ServiceUnavailable;
            }

            using var disposeResponse = response;
            await response.Content.ReadAsByteArrayAsync();
            if (expected is { } code && response.StatusCode != code)
            {
                Interlocked.Increment(ref _failures);
            }

            return response.StatusCode;
        }
    }
}
