using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Functions.Snapshots;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The readiness probe: 200 when this instance has its catalogue and storage answered lately, else
/// 503 with the same body. /api/health stays the liveness answer that touches nothing.
/// </summary>
public sealed class ReadinessApi(InstanceReadiness readiness)
{
    [Function("Readiness")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request)
    {
        var report = readiness.Check();
        return report.Ready ? ApiJson.Ok(report) : ApiJson.Unavailable(report);
    }
}
