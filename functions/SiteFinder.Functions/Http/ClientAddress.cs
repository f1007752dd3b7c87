using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The resident's address for rate limits. In Azure the request reaches the worker through the
/// front end and the Functions host, each of which appends the address it saw to X-Forwarded-For;
/// a client can write anything to the left of those. So the address is the rightmost public one
/// there (the one the front end saw), else the connection's own.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        foreach (var part in forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            if (Parse(part) is { } address && IsPublic(address))
                return Subscriber(address);
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } remote ? Subscriber(remote) : "unknown";
    }

    /// <summary>
    /// One subscriber's address: IPv4 as is; IPv6 by its /64, which a single home or phone is given
    /// whole, so rotating addresses inside it is still one resident to the limits and to "independent".
    /// </summary>
    private static string Subscriber(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>"1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443" or "2001:db8::1".</summary>
    private static IPAddress? Parse(string text)
    {
        if (IPAddress.TryParse(text, out var address))
            return address;
        return IPEndPoint.TryParse(text, out var endpoint) ? endpoint.Address : null;
    }

    private static bool IsPublic(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal);

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and < 32) || (b[0] == 192 && b[1] == 168) ||
                 (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and < 128) || b[0] == 0);
    }
}
