using System.ComponentModel.DataAnnotations;
using System.Reflection;
using PosSync.Connectors.Http;
using DataAnnotationsRange = System.ComponentModel.DataAnnotations.RangeAttribute;

namespace PosSync.Connectors.Tests;

/// <summary>
/// Every Vendors:&lt;vendor&gt;:* setting is checked when a process starts (OptionsCheck reads these
/// attributes; WorkerConfigurationTests shows each bad value's line): a setting added without its
/// check would start fine and fail on the first call, as RequestsPerWindow=0 once did.
/// </summary>
public class VendorSettingsCheckedTests
{
    /// <summary>Settings any text is good for.</summary>
    private static readonly string[] FreeText =
        [nameof(VendorEndpointOptions.Scope), nameof(VendorEndpointOptions.ClientId), nameof(VendorEndpointOptions.ClientSecret)];

    /// <summary>Every vendor's endpoint type: the shared one and each vendor's own (LightspeedEndpointOptions...).</summary>
    private static IEnumerable<TestCaseData> Settings() => typeof(VendorEndpointOptions).Assembly.GetTypes()
        .Where(typeof(VendorEndpointOptions).IsAssignableFrom)
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(p => p.CanWrite)
        .Select(p => new TestCaseData(p).SetName($"Vendors:*:{p.Name} ({p.DeclaringType!.Name}) is checked at start"));

    [TestCaseSource(nameof(Settings))]
    public void Every_vendor_setting_is_checked_at_start(PropertyInfo setting)
    {
        var type = Nullable.GetUnderlyingType(setting.PropertyType) ?? setting.PropertyType;
        var check = type switch
        {
            _ when type == typeof(int) || type == typeof(double) || type == typeof(decimal) => typeof(DataAnnotationsRange),
            { IsEnum: true } => typeof(DefinedValueAttribute),
            _ when type == typeof(string) && !FreeText.Contains(setting.Name) => typeof(HttpAddressAttribute),
            _ when type == typeof(bool) || FreeText.Contains(setting.Name) => null,
            _ when setting.Name == nameof(VendorEndpointOptions.Headers) => null,
            _ => throw new AssertionException($"{setting.Name}: a {type.Name} setting; say here how it is checked"),
        };

        if (check is not null) Assert.That(setting.GetCustomAttribute(check), Is.Not.Null, $"{setting.Name} has [{check.Name}]");
    }

    [TestCase(1, "")]
    [TestCase(0, "RequestsPerWindow must be between 1 and 10000")]
    public void A_vendor_endpoint_with_no_requests_per_window_is_refused(int requests, string expected)
    {
        var endpoint = new VendorEndpointOptions { BaseUrl = "https://api.example.com", RequestsPerWindow = requests };

        Assert.That(string.Join("; ", Problems(endpoint)), Is.EqualTo(expected));
    }

    [TestCase("https://api.xero.com", "/oauth/token", null, "")]
    [TestCase("http://127.0.0.1:5000/", "https://identity.xero.com/connect/token", "http://localhost:7000/callback", "")]
    [TestCase("api.xero.com", "/oauth/token", null, "BaseUrl must be an absolute http(s) address")]
    [TestCase("file:///etc/passwd", "/oauth/token", null, "BaseUrl must be an absolute http(s) address")]
    [TestCase("https://api.xero.com", "oauth token", null, "TokenPath must be an http(s) address or a path under BaseUrl")]
    [TestCase("https://api.xero.com", "/oauth/token", "/callback", "RedirectUri must be an absolute http(s) address")]
    public void Addresses_are_http_or_https(string baseUrl, string tokenPath, string? redirect, string expected)
    {
        var endpoint = new VendorEndpointOptions { BaseUrl = baseUrl, TokenPath = tokenPath, RedirectUri = redirect };

        Assert.That(string.Join("; ", Problems(endpoint)), Is.EqualTo(expected));
    }

    [TestCase("X-Use-2026-API-Changes", "true", "")]
    [TestCase("X Use", "true", "Headers:X Use is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)")]
    [TestCase("X-Api-Key", "secret\r\nX-Injected: 1", "Headers:X-Api-Key must be a value on one line")]
    public void Headers_have_HTTP_names_and_one_line_values(string name, string value, string expected)
    {
        var endpoint = new VendorEndpointOptions { BaseUrl = "https://api.example.com", Headers = { [name] = value } };

        Assert.That(string.Join("; ", Problems(endpoint)), Is.EqualTo(expected));
        Assert.That(string.Join("; ", Problems(endpoint)), Does.Not.Contain("secret"), "a header's value may be a key: never repeated");
    }

    [Test]
    public void The_shipped_vendor_endpoints_pass()
    {
        var vendors = new VendorOptions();

        Assert.That(new[] { vendors.Lightspeed, vendors.Pennylane, vendors.Square, vendors.Xero }.SelectMany(Problems), Is.Empty);
    }

    private static IEnumerable<string> Problems(VendorEndpointOptions endpoint)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(endpoint, new ValidationContext(endpoint), results, validateAllProperties: true);
        return results.Select(r => $"{string.Join(",", r.MemberNames)} {Short(r)}");
    }

    private static string? Short(ValidationResult result) =>
        result.ErrorMessage?.Replace($"The field {result.MemberNames.First()} ", "", StringComparison.Ordinal).TrimEnd('.');
}
