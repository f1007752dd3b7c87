using Microsoft.Extensions.Hosting;
using SiteFinder.Functions;
using SiteFinder.Functions.Snapshots;

// Azure.Core is made ready while the worker reads its settings, not on the first load's path (Snapshots/FirstLoads).
FirstLoads.Prepare();
var host = FunctionsWorker.CreateBuilder(args).Build();

// The catalogue is read while the worker starts and connects to the Functions host, not after (Snapshots/FirstLoads).
FirstLoads.Start(host.Services);
host.Run();
