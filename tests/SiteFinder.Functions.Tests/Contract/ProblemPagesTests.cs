using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>Every problem type resolves to its page, and real problem answers carry the code a client maps to its own text.</summary>
public sealed class ProblemPagesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public void Problem_names_are_unique_and_their_types_point_at_their_pages()
    {
        Assert.NotEmpty(Problems.Types);
        Assert.Equal(Problems.Types.Count, Problems.Types.Select(t => t.Name).Distinct().Count());
        Assert.All(Problems.Types, t => Assert.Equal("/api/problems/" + t.Name, t.Uri));
    }

    [Fact]
    public async Task Every_problem_type_has_a_page_with_its_title_status_and_explanation()
    {
        foreach (var kind in Problems.Types)
        {
            // The type is resolved as a client would: relative to the address the answer came from.
            using var response = await host.Client.GetAsync(new Uri(host.Client.BaseAddress!, kind.Uri));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var body = page.RootElement;
            Assert.Equal(kind.Uri, body.GetProperty("type").GetString());
            Assert.Equal(kind.Name, body.GetProperty("code").GetString());
            Assert.Equal(kind.Title, body.GetProperty("title").GetString());
            Assert.Equal(kind.Status, body.GetProperty("status").GetInt32());
            Assert.True(body.GetProperty("explanation").GetString()!.Length > 40, kind.Name + " has no real explanation");
        }
    }

    [Fact]
    public async Task An_unknown_problem_name_is_a_not_found_problem()
    {
        var (response, body) = await host.GetAsync("problems/no-such-problem");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", body.GetProperty("code").GetString());
        Assert.Equal("/api/problems/not-found", body.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("sites/nearby?lat=91&lng=121.4", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("manage/stale", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("problems/no-such-page", HttpStatusCode.NotFound, "not-found")]
    public async Task Real_problem_answers_carry_their_code_and_a_type_that_names_it(string url, HttpStatusCode status, string code)
    {
        var (response, body) = url.StartsWith("manage/", StringComparison.Ordinal)
            ? await host.SendAsync(HttpMethod.Get, url, headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey })
            : await host.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(Problems.Find(code)!.Uri, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }
}
