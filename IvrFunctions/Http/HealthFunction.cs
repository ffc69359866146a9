using IvrFunctions.Core.Health;
using IvrFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Http;

public sealed class HealthFunction(HealthService health)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthEndpoint.Route)] HttpRequest request) =>
        new CoreResult(await HealthEndpoint.HandleAsync(health, request.HttpContext.RequestAborted));
}
