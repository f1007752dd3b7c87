using Microsoft.Extensions.Hosting;
using SiteFinder.Functions;

FunctionsWorker.CreateBuilder(args).Build().Run();
