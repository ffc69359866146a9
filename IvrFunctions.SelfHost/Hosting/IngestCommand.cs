using IvrFunctions.Core;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Configuration;
using IvrFunctions.SelfHost.Azurite;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary><c>dotnet run --project IvrFunctions.SelfHost -- ingest [folder] [--Key=value ...]</c>: reads a knowledge-base folder
/// into Blob storage with the configured answer provider's embeddings (or term statistics offline), printing progress.</summary>
static class IngestCommand
{
    public const string Name = "ingest";

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "knowledge-base";
        // dotnet run starts the app in the project folder: resolve a relative folder against the shell's directory too.
        if (!Directory.Exists(folder) && !Path.IsPathRooted(folder) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shellDirectory
            && Directory.Exists(Path.Combine(shellDirectory, folder)))
        {
            folder = Path.Combine(shellDirectory, folder);
        }

        var settings = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var builder = WebApplication.CreateBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostedService, DevelopmentAzuriteService>();
        builder.Services.AddIvrCore(builder.Configuration, SelfHostApplication.HostName);
        await using var app = builder.Build();
        try
        {
            _ = app.Services.GetRequiredService<IOptions<IvrOptions>>().Value; // validates the configuration, naming bad keys
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"Configuration error: {failure}");
            }

            return 2;
        }

        var azurite = app.Services.GetServices<IHostedService>().OfType<DevelopmentAzuriteService>().Single();
        await azurite.StartAsync(CancellationToken.None);
        try
        {
            var ingestor = app.Services.GetRequiredService<KnowledgeBaseIngestor>();
            var report = await ingestor.IngestAsync(folder, new ConsoleProgress());
            Console.WriteLine($"Done in {report.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }
        catch (DirectoryNotFoundException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        finally
        {
            await azurite.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Prints each line as it is reported, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine(value);
    }
}
