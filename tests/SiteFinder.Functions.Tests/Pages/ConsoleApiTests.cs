using System.Net;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>The two endpoints the console needs: who a key is (manage/whoami), and hours parsed as typed (manage/hours/parse).</summary>
public sealed class ConsoleApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static Dictionary<string, string> Keys(string adminKey) => new() { ["x-admin-key"] = adminKey, ["x-functions-key"] = LocalHostFixture.FunctionKey };

    [Fact]
    public async Task Whoami_names_the_city_or_the_operator_and_district_of_the_key()
    {
        var (city, cityBody) = await host.AdminAsync(HttpMethod.Get, "manage/whoami");
        Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        Assert.True(cityBody.GetProperty("city").GetBoolean());
        Assert.False(cityBody.TryGetProperty("district", out _));

        var (_, issued) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦区-控制台", district = "黄浦区" });
        var key = issued.GetProperty("key").GetString()!;
        SuiteSecrets.Add(key);
        var (operatorAnswer, me) = await host.SendAsync(HttpMethod.Get, "manage/whoami", headers: Keys(key));
        Assert.Equal(HttpStatusCode.OK, operatorAnswer.StatusCode);
        Assert.False(me.GetProperty("city").GetBoolean());
        Assert.Equal("黄浦区", me.GetProperty("district").GetString());
        Assert.Equal("黄浦区-控制台", me.GetProperty("name").GetString());
        Assert.Equal(issued.GetProperty("keyId").GetString(), me.GetProperty("keyId").GetString());

        var (noKey, _) = await host.SendAsync(HttpMethod.Get, "manage/whoami", headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        var (typo, problem) = await host.AdminAsync(HttpMethod.Get, "manage/whoami?distrct=x");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("distrct", out _));
    }

    [Fact]
    public async Task Hours_parse_answers_as_the_stored_hours_would_read_and_writes_nothing()
    {
        var (ok, parsed) = await host.AdminAsync(HttpMethod.Get, "manage/hours/parse?text=" + Uri.EscapeDataString("周一至周五 8:00-11:00、13:00-17:00"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("parsed", parsed.GetProperty("status").GetString());
        var weekly = parsed.GetProperty("weekly").EnumerateArray().ToArray();
        Assert.Equal(10, weekly.Length);
        Assert.All(weekly, i => Assert.DoesNotContain(i.GetProperty("day").GetString(), new[] { "sat", "sun" }));
        Assert.Contains(weekly, i => i.GetProperty("day").GetString() == "mon" && i.GetProperty("open").GetString() == "13:00" && i.GetProperty("close").GetString() == "17:00");

        var (_, always) = await host.AdminAsync(HttpMethod.Get, "manage/hours/parse?text=24%E5%B0%8F%E6%97%B6");
        Assert.True(always.GetProperty("alwaysOpen").GetBoolean());

        var (_, unparsed) = await host.AdminAsync(HttpMethod.Get, "manage/hours/parse?text=" + Uri.EscapeDataString("隔天开放"));
        Assert.Equal("unparsed", unparsed.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(unparsed.GetProperty("problem").GetString()));

        var (_, empty) = await host.AdminAsync(HttpMethod.Get, "manage/hours/parse");
        Assert.Equal("empty", empty.GetProperty("status").GetString());

        var (tooLong, problem) = await host.AdminAsync(HttpMethod.Get, "manage/hours/parse?text=" + new string('8', 501));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        var (anonymous, _) = await host.SendAsync(HttpMethod.Get, "manage/hours/parse?text=8:00-9:00", headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
