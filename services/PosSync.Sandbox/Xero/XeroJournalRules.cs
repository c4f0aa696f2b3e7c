using System.Globalization;
using System.Text.Json;

namespace PosSync.Sandbox.Xero;

/// <summary>
/// Xero's checks of a manual journal (docs/vendors/xero.md "Manual journals", "Tax", "What the sandbox must
/// refuse" rows 7 and 8): Narration required, at least two lines, Status and LineAmountTypes from their
/// lists, an unknown account code dropped with a warning, bank and system accounts refused, a tax type
/// known and allowed on the account's class, tracking naming active categories and options, tax derived
/// per line, and the lines balancing.
/// Texts Xero does not publish are the sandbox's own, written in Xero's style.
/// </summary>
public static class XeroJournalRules
{
    private static readonly string[] Statuses = ["DRAFT", "POSTED"];
    private static readonly string[] LineAmountTypes = ["Exclusive", "Inclusive", "NoTax"];

    public static XeroJournalVerdict Judge(JsonElement journal, XeroOrganisation organisation, DateOnly today, DateTimeOffset now)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var narration = Text(journal, "Narration");
        if (string.IsNullOrWhiteSpace(narration)) errors.Add("Narration must be supplied.");
        var status = Text(journal, "Status") ?? "DRAFT";
        if (!Statuses.Contains(status)) errors.Add($"A manual journal can only be created as DRAFT or POSTED, not '{status}'.");
        var types = Text(journal, "LineAmountTypes") ?? "NoTax";
        if (!LineAmountTypes.Contains(types)) errors.Add($"LineAmountTypes must be Exclusive, Inclusive or NoTax, not '{types}'.");
        var date = today;
        if (Text(journal, "Date") is { } written
            && !DateOnly.TryParseExact(written, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add($"The date '{written}' is not a valid date.");

        var lines = new List<XeroStoredLine>();
        if (journal.TryGetProperty("JournalLines", out var sent) && sent.ValueKind == JsonValueKind.Array)
        {
            foreach (var line in sent.EnumerateArray())
            {
                var code = Text(line, "AccountCode");
                var account = organisation.Accounts.FirstOrDefault(a => a.Code == code);
                if (account is null)
                {
                    warnings.Add($"Account code '{code}' has been removed as it does not match a recognised account.");
                    continue;
                }
                if (account.Type == "BANK" || account.SystemAccount.Length > 0)
                {
                    errors.Add(
                        $"Account code '{code}' is a {(account.Type == "BANK" ? "bank" : "system")} account and cannot be used in a manual journal.");
                    continue;
                }
                if (!line.TryGetProperty("LineAmount", out var amountElement) || amountElement.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"A line amount must be supplied for account code '{code}'.");
                    continue;
                }
                var amount = amountElement.GetDecimal();
                var taxType = types == "NoTax" ? "NONE" : Text(line, "TaxType") ?? account.TaxType;
                var rate = organisation.TaxRates.FirstOrDefault(t => t.TaxType == taxType);
                if (rate is null)
                {
                    errors.Add($"The TaxType code '{taxType}' does not exist or cannot be used with account code '{code}'.");
                    continue;
                }
                if (!Applies(rate, account.Class))
                {
                    errors.Add($"The TaxType code '{taxType}' cannot be used with account code '{code}'.");
                    continue;
                }
                if (Tracking(line, organisation, errors) is not { } tracking) continue;
                lines.Add(
                    new XeroStoredLine(
                        code!,
                        account.Id,
                        amount,
                        taxType,
                        XeroTax.Amount(types, amount, rate.EffectiveRate),
                        Text(line, "Description"),
                        tracking));
            }
        }
        if (lines.Count < 2 && errors.Count == 0) errors.Add("Journal lines must contain at least two individual journal lines.");

        // Exclusive amounts are net: the tax Xero adds is part of what must balance.
        var signed = lines.Select(l => types == "Exclusive" ? l.LineAmount + l.TaxAmount : l.LineAmount).ToList();
        var debits = signed.Where(a => a > 0).Sum();
        var credits = signed.Where(a => a < 0).Sum();
        if (errors.Count == 0 && debits + credits != 0)
            errors.Add($"The total debits ({Money(debits)}) must equal total credits ({Money(credits)})");

        return errors.Count > 0
            ? new XeroJournalVerdict(null, errors, warnings)
            : new XeroJournalVerdict(new XeroStoredJournal(Guid.NewGuid(), date, narration!, status, types, lines, now), errors, warnings);
    }

    /// <summary>
    /// A line's Tracking: at most two elements (SPEC ManualJournalLine), each naming an ACTIVE category of the
    /// organisation (Name) and an ACTIVE option of it (Option), as spelt in Xero; null when refused.
    /// The category's text was seen from Xero on contacts (docs/vendors/xero.md "Tracking"); the option's is the sandbox's.
    /// </summary>
    private static List<(XeroTrackingCategory, XeroTrackingOption)>? Tracking(JsonElement line, XeroOrganisation organisation, List<string> errors)
    {
        var tracked = new List<(XeroTrackingCategory, XeroTrackingOption)>();
        if (!line.TryGetProperty("Tracking", out var sent) || sent.ValueKind != JsonValueKind.Array) return tracked;
        if (sent.GetArrayLength() > 2) return Refuse(errors, "A journal line can have a maximum of 2 tracking categories.");
        foreach (var element in sent.EnumerateArray())
        {
            var name = Text(element, "Name");
            var category = organisation.TrackingCategories.FirstOrDefault(c => c.Name == name && c.Status == "ACTIVE");
            if (category is null) return Refuse(errors, $"There is no ACTIVE tracking category with the name '{name}'");
            var optionName = Text(element, "Option");
            var option = category.Options.FirstOrDefault(o => o.Name == optionName && o.Status == "ACTIVE");
            if (option is null)
                return Refuse(errors, $"There is no ACTIVE tracking option with the name '{optionName}' in tracking category '{category.Name}'");
            tracked.Add((category, option));
        }
        return tracked;
    }

    /// <summary>One message per problem, however many lines share it.</summary>
    private static List<(XeroTrackingCategory, XeroTrackingOption)>? Refuse(List<string> errors, string message)
    {
        if (!errors.Contains(message)) errors.Add(message);
        return null;
    }

    private static bool Applies(XeroTaxRate rate, string accountClass) => accountClass switch
    {
        "REVENUE" => rate.CanApplyToRevenue,
        "EXPENSE" => rate.CanApplyToExpenses,
        "ASSET" => rate.CanApplyToAssets,
        "LIABILITY" => rate.CanApplyToLiabilities,
        _ => rate.CanApplyToEquity,
    };

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
