using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Tests.Configuration;

/// <summary>
/// The Functions host's worker gets the same response compression as the local host: its web host
/// runs every startup filter around the pipeline the Functions extension builds. (The local host's
/// answers are tested in ResponseCompressionTests; no Functions host runs in the tests.)
/// </summary>
public sealed class FunctionsWorkerCompressionTests
{
    [Fact]
    public void The_worker_puts_response_compression_in_front_of_its_pipeline()
    {
        using var worker = FunctionsWorker.CreateBuilder(
        [
            "--Functions:Worker:HostEndpoint=http://127.0.0.1:9",
            "--Tables=UseDevelopmentStorage=true",
        ]).Build();

        Assert.Single(worker.Services.GetServices<IStartupFilter>().OfType<ResponseCompressionStartupFilter>());
    }
}
