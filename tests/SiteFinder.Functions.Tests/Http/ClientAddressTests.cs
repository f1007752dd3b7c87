using Microsoft.AspNetCore.Http;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Tests.Http;

public sealed class ClientAddressTests
{
    private static string Of(string? forwarded, string remote = "127.0.0.1")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        if (forwarded is not null)
            context.Request.Headers["X-Forwarded-For"] = forwarded;
        return ClientAddress.Of(context.Request);
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("198.51.100.7:51234", "198.51.100.7")]
    [InlineData("203.0.113.9, 198.51.100.7", "198.51.100.7")] // a client writes only to the left
    [InlineData("198.51.100.7, 10.0.0.4, 169.254.1.1", "198.51.100.7")] // internal hops on the right
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("[2001:db8:1:2:bbbb::9]:443", "2001:db8:1:2::/64")] // one /64, one resident
    public void The_address_is_the_rightmost_public_one_and_ipv6_counts_by_its_64(string forwarded, string expected) =>
        Assert.Equal(expected, Of(forwarded));

    [Fact]
    public void Without_a_public_forwarded_address_the_connection_is_used() =>
        Assert.Equal("192.0.2.10", Of("10.1.2.3", remote: "192.0.2.10"));
}
