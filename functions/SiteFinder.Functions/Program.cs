using Microsoft.Extensions.Hosting;
using SiteFinder.Functions;
using SiteFinder.Functions.Snapshots;

var host = FunctionsWorker.CreateBuilder(args).Build();

// The catalogue is read while the worker starts and connects to the Functions host, not after (Snapshots/FirstLoads).
FirstLoads.Start(host.Services);
host.Run();
