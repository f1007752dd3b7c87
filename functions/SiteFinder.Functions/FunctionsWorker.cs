using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions;

/// <summary>The worker the Functions host runs (Program.cs), built here so that tests can build the same one and start it.</summary>
public static class FunctionsWorker
{
    /// <param name="args">What the Functions host passes the worker; configuration overrides too (--NAME=value).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // Registered after the ASP.NET Core integration, so it runs inside it and can write to the real response.
        builder.UseMiddleware<StorageFailureMiddleware>();
        builder.UseMiddleware<ReadLimitMiddleware>();

        // Reads and writes in lanes of their own, so that reads at full rate cannot starve staff reports.
        builder.UseMiddleware<ServingLaneMiddleware>();

        builder.Logging.AddSiteFinderLogFilters();
        builder.Services.AddSiteFinder(builder.Configuration);
        return builder;
    }
}
