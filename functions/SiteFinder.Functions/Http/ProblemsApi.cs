using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.Functions.Http;

/// <summary>The page each problem <c>type</c> resolves to: what it means and what a client can do, from <see cref="Problems.Types"/>.</summary>
public sealed class ProblemsApi
{
    [Function("ProblemPage")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "problems/{name:maxlength(40)}")] HttpRequest request,
        string name)
    {
        if (Problems.Find(name) is not { } kind)
            return Problems.NotFound($"No problem type is named '{name}'.");

        return ApiJson.Ok(new ProblemPageView(kind.Uri, kind.Name, kind.Title, kind.Status, kind.Explanation));
    }
}
