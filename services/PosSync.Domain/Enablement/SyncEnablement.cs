using System.Globalization;
using PosSync.Domain.Configuration;
using PosSync.Domain.Outcomes;

namespace PosSync.Domain.Enablement;

/// <summary>
/// A sync runs only when the POS and the accounting tool are connected and active and every
/// mapping is complete (journal; every payment method, category and VAT rate the POS knows; tips,
/// rounding and difference accounts). The answer lists every reason, never just the first.
/// </summary>
public static class SyncEnablement
{
    public static EnablementResult Evaluate(ConsumerConfiguration config, PosCatalog catalog)
    {
        var reasons = new List<DisabledReason>();
        Connection("POS", CodeRole.Pos, config, config.Pos, reasons);
        Connection("accounting tool", CodeRole.Accounting, config, config.Accounting, reasons);

        var m = config.Mappings;
        if (config.Settings.Journal is null) Missing("settings.journal", "no journal is chosen for the entries");
        if (m.Tips is null) Missing("mappings.tips", "no tips account");
        if (m.Rounding.Debit is null) Missing("mappings.rounding.debit", "no rounding account (debit)");
        if (m.Rounding.Credit is null) Missing("mappings.rounding.credit", "no rounding account (credit)");
        if (m.Difference.Debit is null) Missing("mappings.difference.debit", "no difference account (debit)");
        if (m.Difference.Credit is null) Missing("mappings.difference.credit", "no difference account (credit)");
        if (config.Settings.RevenueMode == RevenueMode.Gross)
        {
            if (m.Discounts is null) Missing("mappings.discounts", "gross mode books discounts but no discounts account is mapped");
            if (m.Complimentary is null) Missing("mappings.complimentary",
                "gross mode books complimentary items but no complimentary account is mapped");
        }

        foreach (var method in catalog.PaymentMethods.Where(p => !m.PaymentMethods.ContainsKey(p.Id)))
            Missing($"mappings.payment_methods.{method.Id}", $"the POS payment method {method.Name} ({method.Id}) has no account");
        foreach (var category in catalog.Categories.Where(c => !m.Categories.ContainsKey(c.Id)))
            Missing($"mappings.categories.{category.Id}", $"the POS category {category.Name} ({category.Id}) has no revenue account");
        foreach (var rate in catalog.VatRates.Distinct().Where(r => !m.VatRates.ContainsKey(r)))
        {
            var text = rate.ToString("0.###", CultureInfo.InvariantCulture);
            Missing($"mappings.vat_rates.{text}", $"the POS VAT rate {text} % has no VAT code");
        }
        return new EnablementResult(reasons);

        void Missing(string path, string what) => reasons.Add(new DisabledReason(EnablementCodes.MappingMissing, $"{path}: {what}"));
    }

    private static void Connection(string tool, CodeRole role, ConsumerConfiguration config, Connection? connection,
        List<DisabledReason> reasons)
    {
        var connect = $"possync connect {config.ConsumerId} --role {(role == CodeRole.Pos ? "pos" : "accounting")}";
        switch (connection?.Status)
        {
            case null:
                reasons.Add(new DisabledReason(EnablementCodes.NotConnected(role), $"the {tool} is not connected"));
                break;
            case ConnectionStatus.Pending:
                reasons.Add(new DisabledReason(EnablementCodes.Pending(role),
                    $"the {tool} ({connection.Connector}) is not connected yet: no credentials are stored ({connect})"));
                break;
            case ConnectionStatus.NeedsReconnect:
                reasons.Add(new DisabledReason(EnablementCodes.NeedsReconnect(role),
                    $"the {tool} connection ({connection.Connector}) was rejected by the vendor: ask the client to reconnect it ({connect})"));
                break;
        }
    }
}
