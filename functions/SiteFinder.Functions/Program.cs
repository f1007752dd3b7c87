using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions;
using SiteFinder.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Registered after the ASP.NET Core integration, so it runs inside it and can write to the real response.
builder.UseMiddleware<StorageFailureMiddleware>();

// Azure SDK request logs would flood Application Insights at Information.
builder.Logging.AddFilter("Azure", LogLevel.Warning);
builder.Services.AddSiteFinder(builder.Configuration);
builder.Build().Run();
