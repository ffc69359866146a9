using IvrFunctions.Core.Http;
using IvrFunctions.Core.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Http;

public sealed class InfoFunction(InfoService info)
{
    [Function("Info")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = InfoEndpoint.Route)] HttpRequest request) =>
        new CoreResult(InfoEndpoint.Handle(info));
}
