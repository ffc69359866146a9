using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using IvrFunctions.Core.Health;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Http;

/// <summary>
/// The OpenAPI 3.1 description of the performance API, served at <c>GET /api/openapi.json</c> by both hosts. Functions
/// triggers are not ASP.NET Core endpoints, so the document is built here from one route table, with the JSON schemas
/// generated from the contract records (System.Text.Json's schema exporter, web naming), so it cannot drift from what the
/// handlers serialise.
/// </summary>
public sealed class OpenApiDocument
{
    static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    readonly Lazy<string> _json = new(Build);

    public string Json => _json.Value;

    static string Build()
    {
        var schemas = new JsonObject();
        JsonNode Ref(Type type)
        {
            if (!schemas.ContainsKey(type.Name))
            {
                schemas[type.Name] = Web.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
            }

            return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
        }

        var windowParameters = new JsonArray
        {
            Parameter("window", "15m, 1h, 24h, 7d or 30d ending now (default 1h); not with from/to.", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("15m", "1h", "24h", "7d", "30d") }),
            Parameter("from", "Window start, ISO 8601 (no offset: UTC). Rounded down to the minute.", new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
            Parameter("to", "Window end, ISO 8601; default now. Rounded up to the minute.", new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
        };

        JsonObject Get(string summary, Type response, params JsonObject[] extra)
        {
            var parameters = (JsonArray)windowParameters.DeepClone();
            foreach (var p in extra)
            {
                parameters.Add(p);
            }

            return new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["summary"] = summary,
                    ["tags"] = new JsonArray("performance"),
                    ["parameters"] = parameters,
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(response) } } },
                        ["400"] = ProblemResponse(),
                        ["401"] = new JsonObject { ["description"] = "Key missing or wrong", ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject() } },
                    },
                },
            };
        }

        var paths = new JsonObject
        {
            ["/api/" + PerformanceRoutes.Metrics] = Get("Everything for one window in one document", typeof(MetricsDocument)),
            ["/api/" + PerformanceRoutes.Dashboard] = Get("KPI tiles and time series for the dashboard", typeof(DashboardResponse)),
            ["/api/" + PerformanceRoutes.Components] = Get("Per stage latency percentiles and success against targets", typeof(ComponentsResponse)),
            ["/api/" + PerformanceRoutes.ApiUsage] = Get("Per service usage and cost, free tiers, budget", typeof(ApiUsageResponse)),
            ["/api/" + PerformanceRoutes.Cache] = Get("Per cache hit rate against target and cost saved", typeof(CacheResponse)),
            ["/api/" + PerformanceRoutes.Sessions] = Get("Calls, turns per call, concurrency, recent calls (callers masked)", typeof(SessionsResponse),
                Parameter("limit", "Calls listed, 1..1000 (default 100).", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000 })),
            ["/api/" + PerformanceRoutes.Errors] = Get("Errors by category over time and top errors with recovery suggestions", typeof(ErrorsResponse),
                Parameter("top", "Top errors listed, 1..50 (default 10).", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 50 })),
            ["/api/" + PerformanceRoutes.Alerts] = Get("Firing alerts and those resolved in the window", typeof(AlertsResponse)),
        };

        foreach (var route in new[] { PerformanceRoutes.Dashboard, PerformanceRoutes.Sessions, PerformanceRoutes.Metrics })
        {
            paths["/api/" + route]!["get"]!["description"] = ConcurrencyDescription;
        }

        var report = Get("Debugging report with next steps", typeof(ErrorsResponse),
            Parameter("format", "markdown (default) or text.", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("markdown", "text") }));
        report["get"]!["responses"]!["200"] = new JsonObject
        {
            ["description"] = "The report",
            ["content"] = new JsonObject { ["text/markdown"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } }, ["text/plain"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
        };
        paths["/api/" + PerformanceRoutes.ErrorsReport] = report;

        var exportParameters = (JsonArray)windowParameters.DeepClone();
        exportParameters.Add(Parameter("format", "csv (default) or json.", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("csv", "json") }));
        exportParameters.Add(Parameter("kinds", "Comma-separated: stage, usage, cache, session, error (default all).", new JsonObject { ["type"] = "string" }));
        exportParameters.Add(Parameter("destination", "response (default) or blob.", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("response", "blob") }));
        paths["/api/" + PerformanceRoutes.Export] = new JsonObject
        {
            ["post"] = new JsonObject
            {
                ["summary"] = "Export the window's records as CSV or JSON (streamed), or to Blob with a time-limited link",
                ["tags"] = new JsonArray("performance"),
                ["parameters"] = exportParameters,
                ["requestBody"] = new JsonObject { ["required"] = false, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(typeof(ExportRequest)) } } },
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = "The records, streamed",
                        ["content"] = new JsonObject
                        {
                            ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                            ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "array", ["items"] = Ref(typeof(ExportRecord)) } },
                        },
                    },
                    ["201"] = new JsonObject { ["description"] = "Written to Blob", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(typeof(ExportLink)) } } },
                    ["400"] = ProblemResponse(),
                },
            },
        };

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "IVR performance API",
                ["version"] = ProductInfo.Version,
                ["description"] = "Latency, usage and cost, caches, sessions, errors, alerts and export for the IVR helpline. See docs/performance-api.md.",
            },
            ["security"] = new JsonArray(new JsonObject { ["functionKeyHeader"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKeyHeader"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    ["functionKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "code" },
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    const string ConcurrencyDescription =
        "concurrentCallsPeak: the most calls in progress at the same moment, across all instances (an integer count, not an " +
        "average): over the window in kpis/totals, inside each bucket in the series (a bucket where no call started or ended " +
        "shows the calls that stayed in progress through it). concurrentCallsNow: calls in progress now. A call is in " +
        "progress from its first webhook through its status callback, both included, or for 3 hours after its start when no " +
        "status callback arrives. Every start and end is counted in one open-call register in storage, so calls started " +
        "before the window or handled by different instances are counted exactly once. See docs/performance-api.md.";

    static JsonObject Parameter(string name, string description, JsonObject schema) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["required"] = false,
        ["description"] = description,
        ["schema"] = schema,
    };

    static JsonObject ProblemResponse() => new()
    {
        ["description"] = "A parameter is wrong; 'parameter' names it",
        ["content"] = new JsonObject
        {
            ["application/problem+json"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["title"] = new JsonObject { ["type"] = "string" },
                        ["status"] = new JsonObject { ["type"] = "integer" },
                        ["detail"] = new JsonObject { ["type"] = "string" },
                        ["parameter"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
        },
    };
}
