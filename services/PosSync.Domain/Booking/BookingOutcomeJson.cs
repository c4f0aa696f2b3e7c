using System.Text.Json;
using PosSync.Domain.Input;
using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <summary>
/// The JSON shape of an outcome (booking-rules section 5): status, entry, warnings, and the error
/// or reason. Amounts are JSON numbers with at most 2 decimals.
/// </summary>
public static class BookingOutcomeJson
{
    public static string Write(BookingOutcome outcome, bool indented = true) => JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", StatusWord(outcome.Status));
            if (outcome.Entry is { } entry)
            {
                w.WritePropertyName("entry");
                WriteEntry(w, entry);
            }
            w.WriteStartArray("warnings");
            foreach (var warning in outcome.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("code", warning.Code);
                w.WriteString("message", warning.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (outcome.Reason is { } reason)
            {
                w.WriteStartObject(outcome.Status == BookingStatus.Error ? "error" : "reason");
                w.WriteString("code", reason.Code);
                w.WriteString("message", reason.Message);
                if (reason.Details is { } details)
                {
                    w.WritePropertyName("details");
                    details.WriteTo(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }, indented);

    public static string EntryJson(JournalEntry entry, bool indented = true) => JsonText.Write(w => WriteEntry(w, entry), indented);

    public static void WriteEntry(Utf8JsonWriter w, JournalEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("number", entry.Number);
        w.WriteString("date", entry.Date.ToString("yyyy-MM-dd"));
        w.WriteString("journal", entry.Journal);
        w.WriteString("currency", entry.Currency);
        w.WriteStartArray("lines");
        foreach (var line in entry.Lines)
        {
            w.WriteStartObject();
            w.WriteString("account", line.Account);
            WriteAmount(w, "debit", line.Debit);
            WriteAmount(w, "credit", line.Credit);
            if (line.VatCode is null) w.WriteNull("vat_code");
            else w.WriteString("vat_code", line.VatCode);
            w.WriteString("label", line.Label);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string StatusWord(BookingStatus status) => status switch
    {
        BookingStatus.Booked => "booked",
        BookingStatus.NothingToBook => "nothing_to_book",
        BookingStatus.Waiting => "waiting",
        BookingStatus.Skipped => "skipped",
        _ => "error",
    };

    /// <summary>0 as 0, everything else with exactly 2 decimals.</summary>
    private static void WriteAmount(Utf8JsonWriter w, string name, decimal amount)
    {
        if (amount == 0) w.WriteNumber(name, 0);
        else w.WriteNumber(name, decimal.Round(amount, 2) + 0.00m);
    }
}
