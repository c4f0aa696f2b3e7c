using System.Globalization;
using PosSync.Domain.Input;

namespace PosSync.Domain.Configuration;

/// <summary>
/// How large a consumer configuration may be. Each limit is far above a real business (a chain has
/// hundreds of locations, a catalog a few hundred categories and payment methods, a country a few
/// VAT rates) and far below what hurts: a 36 MB file with 1.5 million mappings was accepted, and
/// every <c>consumers find</c> that matched it then took 15 s. Documented in the README.
/// </summary>
public static class ConfigurationLimits
{
    /// <summary>The configuration file as given (JSON or YAML).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    public const int MaxLocations = 5_000;

    /// <summary>In each of mappings.payment_methods, mappings.categories and mappings.vat_rates.</summary>
    public const int MaxEntriesPerMapping = 10_000;

    public static string FileTooLarge(long bytes) =>
        $"is {ByteSize.Describe(bytes)}; at most {ByteSize.Describe(MaxFileBytes)} is accepted for a configuration";

    /// <summary>False, with the problem recorded at <paramref name="path"/>, when a list is longer than its limit.</summary>
    internal static bool WithinCount(FieldReader reader, int count, int limit, string path, string entries)
    {
        if (count <= limit) return true;
        reader.Fail(path, $"has {Count(count)} {entries}; at most {Count(limit)} are accepted");
        return false;
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
