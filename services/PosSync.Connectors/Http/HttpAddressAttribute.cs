using System.ComponentModel.DataAnnotations;

namespace PosSync.Connectors.Http;

/// <summary>
/// A setting that is an http(s) address, checked at start so a typo is one line naming the setting,
/// not a failed call later. Unset (null or empty) passes: [Required] says when it must be set.
/// With <see cref="OrPath"/>, a path joined to the vendor's BaseUrl (as <see cref="VendorEndpointOptions.Url"/> does) passes too.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpAddressAttribute : ValidationAttribute
{
    public bool OrPath { get; init; }

    public override bool IsValid(object? value) => value switch
    {
        null or "" => true,
        string text when text.Contains("://", StringComparison.Ordinal) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0,
        string text => OrPath && !text.Any(char.IsWhiteSpace),
        _ => false,
    };

    public override string FormatErrorMessage(string name) =>
        OrPath ? "must be an http(s) address or a path under BaseUrl" : "must be an absolute http(s) address";
}
