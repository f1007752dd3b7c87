using System.Net;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>The planning refresh loop (each second here): a catalogue change is computed ahead of the next request.</summary>
public sealed class PlanningTimerTests(PlanningTimerHost host) : IClassFixture<PlanningTimerHost>
{
    [Fact]
    public async Task After_the_catalogue_changes_each_instance_computes_the_default_answer_before_anyone_asks()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync("manage/planning/places", PlanningApiTests.PlacesCsv, "text/csv")).Response.StatusCode);

        // The import publishes a new catalogue; nothing planning-side has been asked since.
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(PlanningApiTests.SitesCsv)).Response.StatusCode);

        // The refresh loop runs every second here: three quiet seconds later the answer for now is waiting,
        // computed from the new catalogue, and the first request finds it. Only a minute that turned
        // just before the request (the loop's next run not come yet) allows another try.
        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(3_000);
            var (response, body) = await host.AskAsync("planning/gaps");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (body.GetProperty("cached").GetBoolean())
            {
                Assert.True(body.GetProperty("sources").GetProperty("catalogueVersion").GetInt64() > 0);
                Assert.True(body.GetProperty("sources").GetProperty("openSites").GetInt32() >= 1);
                return;
            }

            Assert.True(attempt < 3 && DateTimeOffset.UtcNow.Second < 5, "the refresh loop did not compute the default answer: " + body.GetRawText());
        }
    }
}
