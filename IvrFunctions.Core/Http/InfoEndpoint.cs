using IvrFunctions.Core.Health;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary><c>GET /api/info</c> (key required): the host's effective configuration, secrets left out.</summary>
public static class InfoEndpoint
{
    public const string Route = "info";

    public static IResult Handle(InfoService info) => Results.Json(info.Describe());
}
