using SiteFinder.LocalHost;

if (BareStart.Requested)
{
    await BareStart.RunAsync(args);
    return;
}

var app = LocalFunctionsHost.Build(args);
await app.RunAsync();
