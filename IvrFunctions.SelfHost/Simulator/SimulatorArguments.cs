using IvrFunctions.SelfHost.Security;

namespace IvrFunctions.SelfHost.Simulator;

/// <summary>The simulator's command line. The key defaults to <c>Ivr__FunctionKey</c>, else the SelfHost's development key file.</summary>
sealed record SimulatorArguments(string RecordingPath, Uri BaseUrl, string? Key, string Language)
{
    public static bool TryParse(string[] args, out SimulatorArguments options, out string? error)
    {
        options = null!;
        error = null;
        string? path = null;
        var baseUrl = Hosting.SelfHostApplication.DefaultUrl;
        var key = Environment.GetEnvironmentVariable("Ivr__FunctionKey");
        var language = "en-IN";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--base-url" when value is not null:
                    baseUrl = value;
                    i++;
                    break;
                case "--key" when value is not null:
                    key = value;
                    i++;
                    break;
                case "--language" when value is not null:
                    language = value.StartsWith("hi", StringComparison.OrdinalIgnoreCase) ? "hi-IN" : "en-IN";
                    i++;
                    break;
                case var arg when !arg.StartsWith("--", StringComparison.Ordinal) && path is null:
                    path = arg;
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        if (path is null || !File.Exists(path))
        {
            error = path is null ? "the recording file is missing" : $"no such file: {path}";
            return false;
        }

        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri))
        {
            error = $"not a URL: {baseUrl}";
            return false;
        }

        if (string.IsNullOrEmpty(key) && File.Exists(DevelopmentKeyStore.KeyFile))
        {
            key = File.ReadAllText(DevelopmentKeyStore.KeyFile).Trim();
        }

        options = new SimulatorArguments(path, uri, key, language);
        return true;
    }
}
