using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IvrFunctions.Http;

/// <summary>Lets a trigger return Core's minimal-API <see cref="IResult"/>: the ASP.NET Core integration accepts <see cref="IActionResult"/> only.</summary>
public sealed class CoreResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
