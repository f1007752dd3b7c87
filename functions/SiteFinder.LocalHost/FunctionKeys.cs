using System.Security.Cryptography;
using System.Text;

namespace SiteFinder.LocalHost;

/// <summary>
/// The Functions host's key check for auth level Function: the key in the x-functions-key header or
/// the code query parameter, else a 401 before the function runs (empty in Azure, a problem here: HostRefusals). Off unless a key is set,
/// as Core Tools does not check keys locally.
/// </summary>
public sealed class FunctionKeys(string? key)
{
    public const string Header = "x-functions-key";
    public const string QueryParameter = "code";

    private readonly byte[]? _keyHash = string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Enforced => _keyHash is not null;

    public bool Allows(HttpRequest request, FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);
        if (_keyHash is null || !string.Equals(function.AuthLevel, "Function", StringComparison.OrdinalIgnoreCase))
            return true;

        var given = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(given))
            given = request.Query[QueryParameter].ToString();
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _keyHash);
    }
}
