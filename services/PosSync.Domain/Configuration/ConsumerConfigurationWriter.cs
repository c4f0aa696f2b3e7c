using System.Text.Json;
using PosSync.Domain.Input;

namespace PosSync.Domain.Configuration;

/// <summary>
/// Writes a configuration back in the documented JSON shape; what the reader reads back is equal
/// to what was written, so the configuration store can keep the document as text.
/// </summary>
public static class ConsumerConfigurationWriter
{
    public static string Write(ConsumerConfiguration config, bool indented = false) => JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("consumer_id", config.ConsumerId);
            w.WriteString("name", config.Name);
            w.WriteString("created_by_email", config.CreatedByEmail);
            WriteConnection(w, "pos", config.Pos);
            WriteConnection(w, "accounting", config.Accounting);

            w.WriteStartArray("locations");
            foreach (var location in config.Locations)
            {
                w.WriteStartObject();
                w.WriteString("id", location.Id);
                w.WriteString("name", location.Name);
                w.WriteString("timezone", location.TimeZone.Id);
                w.WriteString("day_cutoff", location.DayCutoff.ToString(@"hh\:mm"));
                w.WriteEndObject();
            }
            w.WriteEndArray();

            var s = config.Settings;
            w.WriteStartObject("settings");
            WriteNullable(w, "journal", s.Journal);
            w.WriteString("currency", s.Currency);
            w.WriteString("start_date", s.StartDate.ToString("yyyy-MM-dd"));
            w.WriteNumber("tolerance", s.Tolerance);
            w.WriteNumber("rounding_threshold", s.RoundingThreshold);
            w.WriteString("revenue_mode", s.RevenueMode == RevenueMode.Gross ? "gross" : "net");
            w.WriteBoolean("count_authorised_payments", s.CountAuthorisedPayments);
            if (s.Country is not null) w.WriteString("country", s.Country);
            if (s.Language is { } language) w.WriteString("language", language == EntryLanguage.French ? "fr" : "en");
            if (s.CloseAfter is { } closeAfter) w.WriteString("close_after", $"{(int)closeAfter.TotalHours:00}:{closeAfter.Minutes:00}");
            if (s.ReplaceOnDrift) w.WriteBoolean("replace_on_drift", true);
            w.WriteEndObject();

            var m = config.Mappings;
            w.WriteStartObject("mappings");
            WriteMap(w, "payment_methods", m.PaymentMethods);
            WriteMap(w, "categories", m.Categories);
            w.WriteStartObject("vat_rates");
            foreach (var rate in m.VatRates.Values.OrderBy(v => v.Rate))
            {
                w.WriteStartObject(rate.Key);
                w.WriteString("code", rate.Code);
                WriteNullable(w, "account", rate.Account);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            WriteNullable(w, "tips", m.Tips);
            WriteNullable(w, "discounts", m.Discounts);
            WriteNullable(w, "complimentary", m.Complimentary);
            WritePair(w, "rounding", m.Rounding);
            WritePair(w, "difference", m.Difference);
            WriteNullable(w, "suspense", m.Suspense);
            w.WriteEndObject();
            w.WriteEndObject();
        }, indented);

    public static string StatusWord(ConnectionStatus? status) => status switch
    {
        ConnectionStatus.Active => "active",
        ConnectionStatus.Pending => "pending",
        ConnectionStatus.NeedsReconnect => "needs_reconnect",
        _ => "not connected",
    };

    private static void WriteConnection(Utf8JsonWriter w, string name, Connection? connection)
    {
        if (connection is null) return;
        w.WriteStartObject(name);
        w.WriteString("connector", connection.Connector);
        if (connection.Status is { } status) w.WriteString("status", StatusWord(status));
        if (connection.Options is { Count: > 0 } options)
        {
            w.WriteStartObject("options");
            foreach (var (key, value) in options.OrderBy(o => o.Key, StringComparer.Ordinal)) w.WriteString(key, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, account) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(key, account);
        w.WriteEndObject();
    }

    private static void WritePair(Utf8JsonWriter w, string name, AccountPair pair)
    {
        w.WriteStartObject(name);
        WriteNullable(w, "debit", pair.Debit);
        WriteNullable(w, "credit", pair.Credit);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
