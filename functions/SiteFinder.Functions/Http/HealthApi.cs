using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.Functions.Http;

/// <summary>A fixed answer that touches neither storage nor the catalogue: a liveness probe, and the HTTP benchmark's baseline.</summary>
public sealed class HealthApi
{
    [Function("Health")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        ApiJson.Ok(HealthAnswer.Ok);
}
