using System.Text.RegularExpressions;

namespace PosSync.Connectors.Recording;

/// <summary>
/// Strips credentials from anything that is about to be logged or stored: user info in URLs,
/// query parameters that carry tokens or keys, bearer tokens in free text.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string Url(string url)
    {
        var cleaned = UserInfo().Replace(url, "$1");
        return SecretQuery().Replace(cleaned, m => $"{m.Groups[1].Value}={Mask}");
    }

    public static string Text(string text) =>
        SecretQuery().Replace(Bearer().Replace(UserInfo().Replace(text, "$1"), $"Bearer {Mask}"), m => $"{m.Groups[1].Value}={Mask}");

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();

    [GeneratedRegex(
        @"\b((?:access_|refresh_|id_)?token|api[_-]?key|key|secret|client_secret|password|pwd|code|signature|sig)=[^&\s#""']*",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();
}
