using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Fakes;

/// <summary>
/// OpenAI (<c>/v1/chat/completions</c>, <c>/v1/embeddings</c>, Bearer key) and Azure OpenAI
/// (<c>/openai/deployments/{name}/...?api-version=</c>, <c>api-key</c> header) as the SDKs call them. Requests are validated;
/// responses carry usage with cached prompt tokens; embeddings are deterministic hashed bags of words, so similar texts
/// really are close. Errors use OpenAI's <c>{"error":{...}}</c> body.
/// </summary>
public sealed class FakeOpenAIServer : LoopbackServer
{
    public const string ApiKey = "test-openai-key";
    public const int Dimensions = 256;

    FakeOpenAIServer()
    {
    }

    /// <summary>Makes the assistant's reply from the system and user messages. Default: the first sentence of passage [1].</summary>
    public Func<string, string, string> Reply { get; set; } = (_, user) =>
    {
        var start = user.IndexOf('\n', user.IndexOf("[1]", StringComparison.Ordinal)) + 1;
        var end = user.IndexOfAny(['.', '।'], start);
        return user[start..(end + 1)];
    };

    public (int Prompt, int Cached, int Completion) ChatUsage { get; set; } = (1200, 1024, 42);

    public static async Task<FakeOpenAIServer> StartNewAsync()
    {
        var server = new FakeOpenAIServer();
        await server.StartAsync();
        return server;
    }

    public static string Error(string message, string type, string? code = null) =>
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } }.ToJsonString();

    public IEnumerable<RecordedRequest> ChatRequests => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    public IEnumerable<RecordedRequest> EmbeddingRequests => Requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));

    protected override Task<(int Status, string Body)> RespondAsync(RecordedRequest request)
    {
        var azure = request.Path.StartsWith("/openai/deployments/", StringComparison.Ordinal);
        var authorized = azure
            ? request.Headers.TryGetValue("api-key", out var key) && key == ApiKey && request.Query.Contains("api-version=", StringComparison.Ordinal)
            : request.Headers.TryGetValue("Authorization", out var bearer) && bearer == $"Bearer {ApiKey}";
        if (!authorized)
        {
            return Task.FromResult((401, Error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key")));
        }

        var body = JsonNode.Parse(request.Body)!;
        var model = azure ? request.Path.Split('/')[3] : body["model"]?.GetValue<string>();
        if (string.IsNullOrEmpty(model))
        {
            return Task.FromResult((400, Error("you must provide a model parameter", "invalid_request_error")));
        }

        return Task.FromResult(request.Path switch
        {
            _ when request.Path.EndsWith("/chat/completions", StringComparison.Ordinal) => Chat(body, model),
            _ when request.Path.EndsWith("/embeddings", StringComparison.Ordinal) => Embeddings(body, model),
            _ => (404, Error($"Invalid URL (POST {request.Path})", "invalid_request_error")),
        });
    }

    (int, string) Chat(JsonNode body, string model)
    {
        var messages = body["messages"]?.AsArray();
        var system = messages?.FirstOrDefault(m => m?["role"]?.GetValue<string>() == "system")?["content"]?.GetValue<string>();
        var user = messages?.FirstOrDefault(m => m?["role"]?.GetValue<string>() == "user")?["content"]?.GetValue<string>();
        if (system is null || user is null)
        {
            return (400, Error("messages must contain a system and a user message", "invalid_request_error"));
        }

        var (prompt, cached, completion) = ChatUsage;
        var response = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1764000000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Reply(system, user), ["refusal"] = null },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = prompt,
                ["completion_tokens"] = completion,
                ["total_tokens"] = prompt + completion,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            },
        };
        return (200, response.ToJsonString());
    }

    static (int, string) Embeddings(JsonNode body, string model)
    {
        var input = body["input"];
        var texts = input is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [input!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = Embed(texts[i]);
            tokens += texts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : new JsonArray(vector.Select(v => (JsonNode)v).ToArray()),
            });
        }

        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        return (200, response.ToJsonString());
    }

    /// <summary>A hashed bag of the text's terms: texts sharing words point the same way.</summary>
    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var term in Core.Answers.Retrieval.TextTokenizer.Tokenize(text))
        {
            vector[(int)((uint)StableHash(term) % Dimensions)] += 1;
        }

        return vector;
    }

    static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
