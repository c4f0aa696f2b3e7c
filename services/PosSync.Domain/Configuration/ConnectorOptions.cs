using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PosSync.Domain.Input;

namespace PosSync.Domain.Configuration;

/// <summary>
/// The options each connector accepts in <c>pos.options</c> / <c>accounting.options</c>, checked
/// like every other field. Credentials are never options: they live in the connection store.
/// </summary>
public static partial class ConnectorOptions
{
    public const string Siren = "siren";
    public const string FiscalYearEnd = "fiscal_year_end";
    public const string JournalLabel = "journal_label";
    public const string EurRates = "eur_rates";
    public const string Tenant = "tenant";
    public const string Status = "status";
    public const string TrackingCategory = "tracking_category";

    /// <summary>An option per location: tracking_option.{location id}.</summary>
    public const string TrackingOption = "tracking_option.";

    // A path may be longer than the 200 characters other texts get.
    private sealed record Rule(bool Required, Func<string, bool> IsValid, string Expected, int MaxLength = 200);

    private static readonly Dictionary<string, Dictionary<string, Rule>> Rules = new(StringComparer.Ordinal)
    {
        ["fec"] = new(StringComparer.Ordinal)
        {
            [Siren] = new(true, v => SirenPattern().IsMatch(v), "the company's 9-digit SIREN, used in the FEC file name"),
            [FiscalYearEnd] = new(false, v => DateTime.TryParseExact("2024-" + v, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out _),
                "the fiscal year's closing day as MM-dd, such as 12-31"),
            [JournalLabel] = new(false, v => v.Length is > 0 and <= 100 && !v.Any(char.IsControl), "the journal's label, up to 100 characters"),
            // Absolute, because the file is read when a day is booked, by whichever process books it: a
            // relative path would depend on that process's working directory. Its content is checked then
            // (the accountant updates it between bookings), so here only its shape is.
            [EurRates] = new(false, Path.IsPathFullyQualified,
                "the absolute path of a CSV file of euro reference rates in the European Central Bank's layout (eurofxref-hist.csv)", 1000),
        },
        // docs/vendors/xero.md: the organisation when the consent reaches several; journals posted, or left as drafts to review.
        ["xero"] = new(StringComparer.Ordinal)
        {
            [Tenant] = new(false, v => v.Length is > 0 and <= 200 && !v.Any(char.IsControl),
                "the Xero organisation's tenant id or name, as GET /connections lists it"),
            [Status] = new(false, v => v is "POSTED" or "DRAFT", "POSTED or DRAFT, the status Xero's manual journals are created with"),
            // Xero's names of tracking categories and options are at most 100 characters (SPEC TrackingCategory).
            [TrackingCategory] = new(false, XeroName,
                "the name of a Xero tracking category, up to 100 characters, that every line is tracked by", 100),
            [TrackingOption] = new(false, XeroName, "the name of the location's option in the tracking category, up to 100 characters", 100),
        },
    };

    internal static IReadOnlyDictionary<string, string>? Read(FieldReader r, string connector, JsonElement? element, string path)
    {
        var rules = Rules.GetValueOrDefault(connector) ?? [];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is { } e && r.IsObject(e, path))
        {
            foreach (var property in e.EnumerateObject())
            {
                var optionPath = FieldReader.Join(path, FieldReader.Printable(property.Name));
                if (Find(rules, property.Name) is not { } rule)
                {
                    r.Fail(optionPath, rules.Count == 0
                        ? $"is not an option of the {connector} connector, which takes none"
                        : $"is not an option of the {connector} connector (it takes {string.Join(", ", rules.Keys.Select(Display))})");
                    continue;
                }
                var value = r.Text(property.Value, optionPath, rule.MaxLength);
                if (value is null) continue;
                if (!rule.IsValid(value)) r.Fail(optionPath, $"must be {rule.Expected}, not {FieldReader.Quote(value)}");
                else options[property.Name] = value;
            }
        }
        foreach (var (name, rule) in rules.Where(rule => rule.Value.Required && !options.ContainsKey(rule.Key)))
        {
            if (element is null || !element.Value.TryGetProperty(name, out _))
                r.Fail(FieldReader.Join(path, name), $"is required by the {connector} connector: {rule.Expected}");
        }
        return options.Count == 0 ? null : options;
    }

    /// <summary>
    /// Options per location name a location of the configuration, and only mean something beside the tracking
    /// category they are options of.
    /// </summary>
    internal static void CheckLocations(FieldReader r, Connection? accounting, IReadOnlyList<Location> locations)
    {
        foreach (var name in accounting?.Options?.Keys.Where(k => k.StartsWith(TrackingOption, StringComparison.Ordinal)) ?? [])
        {
            var path = FieldReader.Join("accounting.options", FieldReader.Printable(name));
            var id = name[TrackingOption.Length..];
            if (locations.All(l => l.Id != id))
                r.Fail(path, $"names no location of this configuration (its locations are {string.Join(", ", locations.Select(l => l.Id))})");
            else if (accounting!.Option(TrackingCategory) is null)
                r.Fail(path, $"is an option of the tracking category, and accounting.options.{TrackingCategory} names none");
        }
    }

    /// <summary>The rule of an option: by its name, or by its prefix for options per location (tracking_option.{location id}).</summary>
    private static Rule? Find(Dictionary<string, Rule> rules, string name) => rules.TryGetValue(name, out var rule) && !name.EndsWith('.') ? rule
        : rules.Where(p => p.Key.EndsWith('.') && name.Length > p.Key.Length
            && name.StartsWith(p.Key, StringComparison.Ordinal)).Select(p => p.Value).FirstOrDefault();

    private static string Display(string name) => name.EndsWith('.') ? name + "{location id}" : name;

    private static bool XeroName(string value) => value.Trim().Length > 0 && value.Length <= 100 && !value.Any(char.IsControl);

    [GeneratedRegex(@"^\d{9}$")]
    private static partial Regex SirenPattern();
}
