using Microsoft.Extensions.Options;

namespace SiteFinder.Functions.Tests.Configuration;

/// <summary>
/// The Functions host's worker, as Program.cs builds it, refuses to start on a bad setting, naming
/// it, before it would connect to the host: Host.StartAsync builds the hosted services first, and
/// building them reads the options, which checks them.
/// </summary>
public sealed class FunctionsWorkerSettingsTests
{
    [Fact]
    public async Task A_bad_setting_stops_the_worker_at_start_naming_it()
    {
        // The host's address is what the Functions host would pass; nothing listens there, and nothing is called.
        using var worker = FunctionsWorker.CreateBuilder(
        [
            "--Functions:Worker:HostEndpoint=http://127.0.0.1:9",
            "--Tables=UseDevelopmentStorage=true",
            "--CATALOGUE_REFRESH_SECONDS=-5",
        ]).Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => worker.StartAsync());
        Assert.Equal("CATALOGUE_REFRESH_SECONDS must be a whole number of seconds ≥ 1, got '-5'", e.Message);
    }
}
