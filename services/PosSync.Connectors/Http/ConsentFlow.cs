using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using PosSync.Storage;

namespace PosSync.Connectors.Http;

/// <summary>
/// The OAuth authorisation-code consent (RFC 6749 section 4.1, PKCE per RFC 7636 where the vendor
/// takes it). The state is unguessable and signed: it names no one, but only verifies for the
/// consumer and role it was made for, and only until it expires. The PKCE verifier is derived from
/// the state with the secrets key, so nothing needs storing between the link and the answer.
/// </summary>
public sealed class ConsentFlow(SecretProtector protector, TimeProvider clock)
{
    /// <summary>Long enough for support to send the link and the client to log in; short enough to die unused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const string StatePurpose = "oauth-consent-state";
    private const string VerifierPurpose = "oauth-pkce-verifier";

    /// <summary>Why this vendor's consent cannot start with the current settings, or null when it can.</summary>
    public static string? Problem(string vendorName, VendorEndpointOptions vendor)
    {
        if (string.IsNullOrWhiteSpace(vendor.ClientId)) return $"Vendors:{vendorName}:ClientId is not set: PosSync's OAuth client id at " +
            $"{vendorName}.";
        if (vendor.RedirectUri is not { } redirect || !Uri.TryCreate(redirect, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
            return $"Vendors:{vendorName}:RedirectUri must be the http(s) address registered with {vendorName} as PosSync's redirect URI.";
        if (string.IsNullOrWhiteSpace(vendor.Scope)) return $"Vendors:{vendorName}:Scope is empty: the scopes PosSync asks the client for.";
        return null;
    }

    public ConsentRequest Begin(string consumerId, string role, VendorEndpointOptions vendor)
    {
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(16));
        var expires = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var state = $"{nonce}.{expires}.{Base64Url(protector.Sign(StatePurpose, Signed(consumerId, role, nonce, expires)))}";
        var query = new List<(string, string)>
        {
            ("response_type", "code"),
            ("client_id", vendor.ClientId!),
            ("redirect_uri", vendor.RedirectUri!),
            ("scope", vendor.Scope),
            ("state", state),
        };
        if (vendor.Pkce)
        {
            query.Add(("code_challenge", Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier(state))))));
            query.Add(("code_challenge_method", "S256"));
        }
        var page = vendor.Url(vendor.AuthorizeUrl).ToString();
        var separator = page.Contains('?') ? '&' : '?';
        var url = page + separator + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        return new ConsentRequest(new Uri(url), state);
    }

    /// <summary>
    /// Reads what the client pasted: the whole address the browser landed on (its state is checked)
    /// or the bare code (it belongs to <paramref name="issued"/>, the consent this session opened).
    /// </summary>
    public ConsentAnswer Read(string pasted, string consumerId, string role, ConsentRequest issued, VendorEndpointOptions vendor)
    {
        var input = pasted.Trim();
        if (input.Length == 0) return ConsentAnswer.Refused("Nothing was pasted: give the address the browser landed on, or the code.");
        if (!input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !input.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return Checked(issued.State, input, consumerId, role, vendor);

        if (!Uri.TryCreate(input, UriKind.Absolute, out var landed)) return ConsentAnswer.Refused("The pasted address is not a valid URL.");
        var answer = HttpUtility.ParseQueryString(landed.Query);
        if (answer["error"] is { } error)
            return ConsentAnswer.Refused($"The consent was not given: {error}{(answer["error_description"] is { } why ? $" ({why})" : "")}.");
        if (answer["state"] is not { Length: > 0 } state)
            return ConsentAnswer.Refused("The pasted address has no state: paste the whole address the browser landed on.");
        if (answer["code"] is not { Length: > 0 } code)
            return ConsentAnswer.Refused("The pasted address has no code: paste the whole address the browser landed on.");
        return Checked(state, code, consumerId, role, vendor);
    }

    private ConsentAnswer Checked(string state, string code, string consumerId, string role, VendorEndpointOptions vendor)
    {
        var parts = state.Split('.');
        var genuine = parts.Length == 3
                      && TryBase64Url(parts[2], out var mac)
                      && CryptographicOperations.FixedTimeEquals(mac, protector.Sign(StatePurpose, Signed(consumerId, role, parts[0], parts[1])));
        if (!genuine)
            return ConsentAnswer.Refused($"The state in the pasted address does not match this consent of {consumerId} ({role}): it was " +
                "changed, or made for another connection. Start again with possync connect.");
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], CultureInfo.InvariantCulture));
        if (expires <= clock.GetUtcNow())
            return ConsentAnswer.Refused($"This consent expired at {expires.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} " +
                "UTC: start again with possync connect.");
        return new ConsentAnswer(code, vendor.Pkce ? Verifier(state) : null, null);
    }

    private string Verifier(string state) => Base64Url(protector.Sign(VerifierPurpose, state));

    private static string Signed(string consumerId, string role, string nonce, string expires) => $"{consumerId}\n{role}\n{nonce}\n{expires}";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
