using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SiteFinder.Functions;
using SiteFinder.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Registered after the ASP.NET Core integration, so it runs inside it and can write to the real response.
builder.UseMiddleware<StorageFailureMiddleware>();
builder.Services.AddSiteFinder(builder.Configuration);
builder.Build().Run();
