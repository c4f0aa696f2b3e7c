using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PosSync.Domain.Input;

namespace PosSync.Domain.Configuration;

/// <summary>
/// Reads and validates a consumer configuration (JSON or YAML of the same shape). Every problem is
/// reported with the path of the field it concerns, e.g. <c>settings.tolerance must be &gt;= 0</c>.
/// </summary>
public static partial class ConsumerConfigurationReader
{
    public static readonly IReadOnlyList<string> PosConnectors = ["lightspeed", "square", "folder"];
    public static readonly IReadOnlyList<string> AccountingConnectors = ["pennylane", "xero", "fec", "json-file"];

    private static readonly IReadOnlySet<string> TopFields = Set("consumer_id", "name", "created_by_email", "pos", "accounting",
        "locations", "settings", "mappings");
    private static readonly IReadOnlySet<string> ConnectionFields = Set("connector", "status", "options");
    private static readonly IReadOnlySet<string> LocationFields = Set("id", "name", "timezone", "day_cutoff");
    private static readonly IReadOnlySet<string> SettingsFields = Set("journal", "currency", "start_date", "tolerance",
        "rounding_threshold", "revenue_mode", "count_authorised_payments", "country", "language", "close_after",
        "replace_on_drift");
    private static readonly IReadOnlySet<string> MappingFields = Set("payment_methods", "categories", "vat_rates", "tips", "discounts",
        "complimentary", "rounding", "difference", "suspense");
    private static readonly IReadOnlySet<string> VatFields = Set("code", "account");
    private static readonly IReadOnlySet<string> PairFields = Set("debit", "credit");

    private static readonly Dictionary<string, ConnectionStatus> Statuses = new()
    {
        ["active"] = ConnectionStatus.Active,
        ["pending"] = ConnectionStatus.Pending,
        ["needs_reconnect"] = ConnectionStatus.NeedsReconnect,
    };

    private static readonly Dictionary<string, RevenueMode> RevenueModes = new() { ["net"] = RevenueMode.Net, ["gross"] = RevenueMode.Gross };
    private static readonly Dictionary<string, EntryLanguage> Languages = new() { ["en"] = EntryLanguage.English, ["fr"] = EntryLanguage.French };

    public static Parsed<ConsumerConfiguration> ReadFile(string fileName, byte[] content)
    {
        if (content.Length > ConfigurationLimits.MaxFileBytes)
            return Parsed<ConsumerConfiguration>.Reject($"the configuration {ConfigurationLimits.FileTooLarge(content.Length)}");
        var document = InputDocument.ParseFile(fileName, content);
        if (!document.IsValid) return Parsed<ConsumerConfiguration>.Reject(document.Problems);
        using var json = document.Value!;
        return Read(json.RootElement);
    }

    public static Parsed<ConsumerConfiguration> ReadJson(string json)
    {
        var document = InputDocument.ParseJson(System.Text.Encoding.UTF8.GetBytes(json));
        if (!document.IsValid) return Parsed<ConsumerConfiguration>.Reject(document.Problems);
        using var parsed = document.Value!;
        return Read(parsed.RootElement);
    }

    public static Parsed<ConsumerConfiguration> Read(JsonElement root)
    {
        var r = new FieldReader();
        if (!r.IsObject(root, "configuration")) return Parsed<ConsumerConfiguration>.Reject(r.Problems);
        r.RejectUnknownFields(root, "", TopFields);

        var consumerId = r.Identifier(r.Required(root, "", "consumer_id"), "consumer_id");
        var name = r.Text(r.Required(root, "", "name"), "name");
        var email = Email(r, r.Required(root, "", "created_by_email"), "created_by_email");
        var pos = ReadConnection(r, FieldReader.Optional(root, "pos"), "pos", PosConnectors);
        var accounting = ReadConnection(r, FieldReader.Optional(root, "accounting"), "accounting", AccountingConnectors);
        var locations = ReadLocations(r, r.Required(root, "", "locations"));
        var settings = ReadSettings(r, r.Required(root, "", "settings"));
        var mappings = ReadMappings(r, FieldReader.Optional(root, "mappings"));
        ConnectorOptions.CheckLocations(r, accounting, locations);

        if (r.HasProblems) return Parsed<ConsumerConfiguration>.Reject(r.Problems);
        return Parsed<ConsumerConfiguration>.Accept(new ConsumerConfiguration
        {
            ConsumerId = consumerId!,
            Name = name!,
            CreatedByEmail = email!,
            Pos = pos,
            Accounting = accounting,
            Locations = locations,
            Settings = settings!,
            Mappings = mappings,
        });
    }

    private static Connection? ReadConnection(FieldReader r, JsonElement? element, string path, IReadOnlyList<string> connectors)
    {
        if (element is not { } e || !r.IsObject(e, path)) return null;
        r.RejectUnknownFields(e, path, ConnectionFields);
        var connector = r.Choice(r.Required(e, path, "connector"), FieldReader.Join(path, "connector"),
            connectors.ToDictionary(c => c, c => new ConnectorName(c)));
        var status = r.Choice(FieldReader.Optional(e, "status"), FieldReader.Join(path, "status"), Statuses);
        if (connector is not { } c) return null;
        var options = ConnectorOptions.Read(r, c.Name, FieldReader.Optional(e, "options"), FieldReader.Join(path, "options"));
        return new Connection(c.Name, status, options);
    }

    private readonly record struct ConnectorName(string Name);

    private static IReadOnlyList<Location> ReadLocations(FieldReader r, JsonElement? element)
    {
        var locations = new List<Location>();
        if (element is not { } e || !r.IsArray(e, "locations")) return locations;
        if (!ConfigurationLimits.WithinCount(r, e.GetArrayLength(), ConfigurationLimits.MaxLocations, "locations", "locations")) return locations;
        if (e.GetArrayLength() == 0) r.Fail("locations", "must list at least one location");
        var index = 0;
        foreach (var item in e.EnumerateArray())
        {
            var path = FieldReader.Index("locations", index++);
            if (!r.IsObject(item, path)) continue;
            r.RejectUnknownFields(item, path, LocationFields);
            var id = r.Identifier(r.Required(item, path, "id"), FieldReader.Join(path, "id"));
            var name = r.Text(r.Required(item, path, "name"), FieldReader.Join(path, "name"));
            var zone = TimeZone(r, r.Required(item, path, "timezone"), FieldReader.Join(path, "timezone"));
            var cutoffElement = FieldReader.Optional(item, "day_cutoff");
            var cutoff = cutoffElement is null ? TimeSpan.Zero : Cutoff(r, cutoffElement, FieldReader.Join(path, "day_cutoff"));
            if (id is not null && locations.Any(l => l.Id == id))
                r.Fail(FieldReader.Join(path, "id"), $"repeats location {FieldReader.Quote(id)}");
            else if (id is not null && name is not null && zone is not null && cutoff is not null)
                locations.Add(new Location(id, name, zone, cutoff.Value));
        }
        return locations;
    }

    private static Settings? ReadSettings(FieldReader r, JsonElement? element)
    {
        const string path = "settings";
        if (element is not { } e || !r.IsObject(e, path)) return null;
        r.RejectUnknownFields(e, path, SettingsFields);
        var journal = r.Identifier(FieldReader.Optional(e, "journal"), "settings.journal");
        var currency = r.Text(r.Required(e, path, "currency"), "settings.currency", 3);
        if (currency is not null && !CurrencyPattern().IsMatch(currency))
        {
            r.Fail("settings.currency", $"must be an ISO 4217 code of three capital letters such as EUR, not {FieldReader.Quote(currency)}");
            currency = null;
        }
        var startDate = r.Date(r.Required(e, path, "start_date"), "settings.start_date");
        var tolerance = NonNegative(r, r.Required(e, path, "tolerance"), "settings.tolerance");
        var rounding = NonNegative(r, r.Required(e, path, "rounding_threshold"), "settings.rounding_threshold");
        var mode = r.Choice(FieldReader.Optional(e, "revenue_mode"), "settings.revenue_mode", RevenueModes) ?? RevenueMode.Net;
        var authorised = r.Boolean(FieldReader.Optional(e, "count_authorised_payments"), "settings.count_authorised_payments") ?? false;
        var country = r.Text(FieldReader.Optional(e, "country"), "settings.country", 60);
        if (country is not null && !CountryPattern().IsMatch(country))
        {
            r.Fail("settings.country", $"must be an ISO 3166 code of two capital letters such as FR, not {FieldReader.Quote(country)}");
            country = null;
        }
        var language = r.Choice(FieldReader.Optional(e, "language"), "settings.language", Languages);
        var closeAfterElement = FieldReader.Optional(e, "close_after");
        var closeAfter = closeAfterElement is null ? null : CloseAfter(r, closeAfterElement, "settings.close_after");
        var replaceOnDrift = r.Boolean(FieldReader.Optional(e, "replace_on_drift"), "settings.replace_on_drift") ?? false;
        if (currency is null || startDate is null || tolerance is null || rounding is null) return null;
        return new Settings
        {
            Journal = journal,
            Currency = currency,
            StartDate = startDate.Value,
            Tolerance = tolerance.Value,
            RoundingThreshold = rounding.Value,
            RevenueMode = mode,
            CountAuthorisedPayments = authorised,
            Country = country,
            Language = language,
            CloseAfter = closeAfter,
            ReplaceOnDrift = replaceOnDrift,
        };
    }

    private static Mappings ReadMappings(FieldReader r, JsonElement? element)
    {
        const string path = "mappings";
        if (element is not { } e || !r.IsObject(e, path)) return new Mappings();
        r.RejectUnknownFields(e, path, MappingFields);
        return new Mappings
        {
            PaymentMethods = AccountMap(r, FieldReader.Optional(e, "payment_methods"), "mappings.payment_methods"),
            Categories = AccountMap(r, FieldReader.Optional(e, "categories"), "mappings.categories"),
            VatRates = VatRates(r, FieldReader.Optional(e, "vat_rates"), "mappings.vat_rates"),
            Tips = Account(r, FieldReader.Optional(e, "tips"), "mappings.tips"),
            Discounts = Account(r, FieldReader.Optional(e, "discounts"), "mappings.discounts"),
            Complimentary = Account(r, FieldReader.Optional(e, "complimentary"), "mappings.complimentary"),
            Rounding = Pair(r, FieldReader.Optional(e, "rounding"), "mappings.rounding"),
            Difference = Pair(r, FieldReader.Optional(e, "difference"), "mappings.difference"),
            Suspense = Account(r, FieldReader.Optional(e, "suspense"), "mappings.suspense"),
        };
    }

    private static Dictionary<string, string> AccountMap(FieldReader r, JsonElement? element, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is not { } e || !r.IsObject(e, path)) return map;
        if (!ConfigurationLimits.WithinCount(r, e.EnumerateObject().Count(), ConfigurationLimits.MaxEntriesPerMapping, path, "entries")) return map;
        foreach (var property in e.EnumerateObject())
        {
            var childPath = FieldReader.Join(path, FieldReader.Printable(property.Name));
            if (property.Name.Length is 0 or > 200 || property.Name.Any(char.IsControl))
            {
                r.Fail(childPath, "is not a usable POS id (1 to 200 characters, no control characters)");
                continue;
            }
            // null means "known but not mapped yet": enablement lists it, booking treats it as unmapped.
            if (Account(r, property.Value.ValueKind == JsonValueKind.Null ? null : property.Value, childPath) is { } account)
                map[property.Name] = account;
        }
        return map;
    }

    private static Dictionary<decimal, VatRateMapping> VatRates(FieldReader r, JsonElement? element, string path)
    {
        var rates = new Dictionary<decimal, VatRateMapping>();
        if (element is not { } e || !r.IsObject(e, path)) return rates;
        if (!ConfigurationLimits.WithinCount(r, e.EnumerateObject().Count(), ConfigurationLimits.MaxEntriesPerMapping, path, "entries")) return rates;
        foreach (var property in e.EnumerateObject())
        {
            var childPath = FieldReader.Join(path, FieldReader.Printable(property.Name));
            if (!decimal.TryParse(property.Name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
                || rate > 100 || decimal.Round(rate, 3) != rate)
            {
                r.Fail(childPath, "is not a VAT rate: keys are percentages between 0 and 100 written as decimals, such as \"5.5\"");
                continue;
            }
            if (rates.TryGetValue(rate, out var existing))
            {
                r.Fail(childPath, $"is the same rate as {FieldReader.Join(path, existing.Key)}");
                continue;
            }
            if (!r.IsObject(property.Value, childPath)) continue;
            r.RejectUnknownFields(property.Value, childPath, VatFields);
            var code = r.Identifier(r.Required(property.Value, childPath, "code"), FieldReader.Join(childPath, "code"), 20);
            var account = Account(r, FieldReader.Optional(property.Value, "account"), FieldReader.Join(childPath, "account"));
            if (code is not null) rates[rate] = new VatRateMapping(rate, property.Name, code, account);
        }
        return rates;
    }

    private static AccountPair Pair(FieldReader r, JsonElement? element, string path)
    {
        if (element is not { } e || !r.IsObject(e, path)) return new AccountPair(null, null);
        r.RejectUnknownFields(e, path, PairFields);
        return new AccountPair(
            Account(r, FieldReader.Optional(e, "debit"), FieldReader.Join(path, "debit")),
            Account(r, FieldReader.Optional(e, "credit"), FieldReader.Join(path, "credit")));
    }

    private static string? Account(FieldReader r, JsonElement? element, string path)
    {
        if (element is not { } e) return null;
        if (e.ValueKind != JsonValueKind.String || !AccountPattern().IsMatch(e.GetString()!))
        {
            r.Fail(path, $"must be an account number (1 to 30 letters, digits, '.', '-' or '_'), not {FieldReader.Describe(e)}");
            return null;
        }
        return e.GetString();
    }

    private static decimal? NonNegative(FieldReader r, JsonElement? element, string path)
    {
        var value = r.Amount(element, path, decimals: 2);
        if (value < 0)
        {
            r.Fail(path, "must be >= 0");
            return null;
        }
        return value;
    }

    private static string? Email(FieldReader r, JsonElement? element, string path)
    {
        var text = r.Text(element, path, 254);
        if (text is null || EmailPattern().IsMatch(text)) return text;
        r.Fail(path, $"must be an e-mail address, not {FieldReader.Quote(text)}");
        return null;
    }

    private static TimeZoneInfo? TimeZone(FieldReader r, JsonElement? element, string path)
    {
        var text = r.Text(element, path, 64);
        if (text is null) return null;
        // The pattern keeps the id from ever being a path outside the time-zone database.
        if (TimeZonePattern().IsMatch(text) && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone)) return zone;
        r.Fail(path, $"must be an IANA time zone such as Europe/Paris, not {FieldReader.Quote(text)}");
        return null;
    }

    private static TimeSpan? Cutoff(FieldReader r, JsonElement? element, string path)
    {
        var text = r.Text(element, path, 5);
        if (text is null) return null;
        if (CutoffPattern().IsMatch(text) && TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var cutoff))
            return cutoff;
        r.Fail(path, $"must be a time of day between 00:00 and 23:59 (HH:mm), not {FieldReader.Quote(text)}");
        return null;
    }

    /// <summary>
    /// A grace as hours and minutes (02:00, 00:30, 26:00), at most <see cref="Settings.MaxCloseAfter"/>: beyond
    /// Square's 72 hours for offline sales a day would wait longer than its late orders can arrive.
    /// </summary>
    private static TimeSpan? CloseAfter(FieldReader r, JsonElement? element, string path)
    {
        var text = r.Text(element, path, 5);
        if (text is null) return null;
        var match = DurationPattern().Match(text);
        if (match.Success)
        {
            var grace = TimeSpan.FromHours(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
                        + TimeSpan.FromMinutes(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            if (grace <= Settings.MaxCloseAfter) return grace;
        }
        r.Fail(path, $"must be a duration of at most {Settings.MaxCloseAfter.TotalHours:0} hours as HH:mm (02:00, 00:30), not " +
            $"{FieldReader.Quote(text)}");
        return null;
    }

    [GeneratedRegex(@"^(\d{2}):([0-5]\d)$")]
    private static partial Regex DurationPattern();

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(UTC|[A-Za-z]+(/[A-Za-z0-9_+-]+){1,2})$")]
    private static partial Regex TimeZonePattern();

    [GeneratedRegex(@"^([01]\d|2[0-3]):[0-5]\d$")]
    private static partial Regex CutoffPattern();
}
