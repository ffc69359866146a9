using System.Net.Http.Headers;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>The real SelfHost on a free loopback port, configured through its command line like a person would.</summary>
public sealed class SelfHostServer : IAsyncDisposable
{
    public const string TestKey = "test-function-key-0123456789";
    public const string TestCallerHashKey = "test-caller-hash-key-0123456789";

    readonly WebApplication _app;

    SelfHostServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<SelfHostServer> StartAsync(string? storageConnectionString = null, params string[] settings) =>
        StartAsync(storageConnectionString, configureServices: null, settings);

    /// <summary>Starts the host; <paramref name="configureServices"/> runs after its own registrations (test doubles).</summary>
    public static async Task<SelfHostServer> StartAsync(string? storageConnectionString, Action<IServiceCollection>? configureServices, params string[] settings)
    {
        storageConnectionString ??= await TestAzurite.ConnectionStringAsync();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--AzureWebJobsStorage={storageConnectionString}",
            $"--Ivr:FunctionKey={TestKey}",
            $"--Telemetry:CallerHashKey={TestCallerHashKey}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var app = SelfHostApplication.Build(args, configureServices);
        await app.StartAsync();
        return new SelfHostServer(app, LoopbackWebApp.AddressOf(app.Services));
    }

    /// <summary>A client that sends the key in the header, as scripts would.</summary>
    public HttpClient KeyedClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-functions-key", TestKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
