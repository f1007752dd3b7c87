using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// What is refused before a function runs is a problem with a code, like every other 4xx: no route, a
/// method no function takes here, a URL over 8 KB, a control character in a header, a missing function
/// key, a body over the limit. (On Azure the host and its front end answer these themselves: README.)
/// </summary>
public sealed class HostRefusalTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private Uri Server => host.Client.BaseAddress!;

    [Theory]
    [InlineData("nowhere")]
    [InlineData("sites/abc")]
    [InlineData("sites/0123456789abcdef/unknown")]
    [InlineData("manage")]
    [InlineData("problems/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_path_no_function_answers_is_a_404_problem(string path)
    {
        var (response, body) = await host.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-endpoint", body.GetProperty("code").GetString());
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("DELETE", "sites/nearby", "GET")]
    [InlineData("PUT", "sites/0123456789abcdef", "GET")]
    [InlineData("GET", "sites/0123456789abcdef/status", "POST")]
    [InlineData("DELETE", "manage/sites/0123456789abcdef", "GET, PATCH")]
    [InlineData("PATCH", "manage/operators", "GET, POST")]
    public async Task A_method_no_function_takes_on_a_path_is_a_405_problem_with_allow(string method, string path, string allow)
    {
        var (response, body) = await host.SendAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method-not-allowed", body.GetProperty("code").GetString());
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(allow.Split(", "), body.GetProperty("allow").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_url_over_8_kb_is_a_414_problem()
    {
        var answer = await RawHttp.GetAsync(Server, "/api/sites/nearby?lat=31.2&lng=121.4&x=" + new string('a', HostRefusals.MaxUriBytes));
        Assert.Equal(414, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("uri-too-long", answer.Json.GetProperty("code").GetString());

        // Just under the limit the request reaches the function, which names the parameter it does not read.
        var justUnder = await RawHttp.GetAsync(Server, "/api/sites/nearby?lat=31.2&lng=121.4&x=" + new string('a', HostRefusals.MaxUriBytes - 200));
        Assert.Equal(400, justUnder.Status);
        Assert.Equal("invalid-request", justUnder.Json.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("x-test: a\u0001b")]
    [InlineData("x-admin-key: key\u007f")]
    [InlineData("user-agent: \u0001\u0002")]
    [InlineData("x-staff-token: \u001b[31m")]
    public async Task A_control_character_in_a_header_is_a_400_problem_naming_the_header(string header)
    {
        var answer = await RawHttp.GetAsync(Server, "/api/health", header);
        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid-request", answer.Json.GetProperty("code").GetString());
        var name = header.Split(':')[0];
        Assert.Contains(answer.Json.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The one refusal the local host cannot turn into a problem: Kestrel's HTTP/1.1 parser refuses a NUL in a
    /// header line before any encoding or middleware sees it, with an empty 400, as Azure's front end does.
    /// </summary>
    [Fact]
    public async Task A_nul_in_a_header_is_refused_by_kestrel_itself_with_an_empty_400()
    {
        var answer = await RawHttp.GetAsync(Server, "/api/health", "x-test: a\0b");
        Assert.Equal(400, answer.Status);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_in_a_header_are_a_400_problem()
    {
        var head = Encoding.ASCII.GetBytes("GET /api/health HTTP/1.1\r\nx-test: ").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat("\r\n"u8.ToArray()).ToArray();
        var answer = await RawHttp.SendAsync(Server, head);
        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid-request", answer.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_function_level_route_without_the_function_key_is_a_401_problem()
    {
        var (response, body) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", body.GetProperty("code").GetString());
        Assert.DoesNotContain(LocalHostFixture.AdminKey, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_mb_body_is_a_413_problem_answered_before_it_is_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/sites/import", UriKind.Relative));
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        request.Content = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");
        HttpResponseMessage response;
        try
        {
            response = await host.Client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection once the answer is sent, before the client finished sending:
            // the answer itself is checked over a socket that sends only the head.
            var head = Encoding.ASCII.GetBytes($"POST /api/manage/sites/import HTTP/1.1\r\nx-functions-key: {LocalHostFixture.FunctionKey}\r\nx-admin-key: {LocalHostFixture.AdminKey}\r\nContent-Type: text/csv\r\nContent-Length: {50 * 1024 * 1024}\r\n");
            var answer = await RawHttp.SendAsync(Server, head);
            Assert.Equal(413, answer.Status);
            Assert.Equal("too-large", answer.Json.GetProperty("code").GetString());
            return;
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("\"code\":\"too-large\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
