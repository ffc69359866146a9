using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace IvrFunctions.Core.Http;

/// <summary>Maps every product route onto a route group (the SelfHost passes its <c>/api</c> group).</summary>
public static class IvrEndpoints
{
    /// <summary>Endpoint metadata marking a route that needs no function key.</summary>
    public sealed class AnonymousRoute;

    public static IEndpointRouteBuilder MapIvrEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet(HealthEndpoint.Route, HealthEndpoint.HandleAsync)
            .WithName("Health")
            .WithMetadata(new AnonymousRoute());
        api.MapGet(InfoEndpoint.Route, InfoEndpoint.Handle).WithName("Info");
        api.MapPerformanceApi();
        return api;
    }
}
