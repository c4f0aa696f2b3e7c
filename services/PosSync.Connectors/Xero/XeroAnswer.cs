using System.Globalization;
using System.Text.Json;
using PosSync.Connectors.Http;

namespace PosSync.Connectors.Xero;

/// <summary>
/// Reads Xero's ManualJournals answers. A 200 is no success when a journal carries ValidationErrors
/// (summarizeErrors=false) or Warnings (an unknown account's line was dropped): its messages, verbatim,
/// are the refusal (docs/vendors/xero.md "summarizeErrors", "Where our notes were wrong" 10).
/// </summary>
public static class XeroAnswer
{
    /// <summary>The vendor rule for <see cref="VendorRequest.Refusal"/>: Xero's messages, or null when every journal was taken.</summary>
    public static string? Refusal(string body)
    {
        using var document = VendorJson.Parse(body, out _);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("ManualJournals", out var journals) || journals.ValueKind != JsonValueKind.Array)
            return null; // Not a refusal: the reader names what is wrong with the answer.
        var messages = new List<string>();
        foreach (var journal in journals.EnumerateArray())
        {
            messages.AddRange(Messages(journal, "ValidationErrors"));
            messages.AddRange(Messages(journal, "Warnings").Select(w => $"{w} (warning: Xero booked the journal without that line)"));
        }
        return messages.Count == 0 ? null : string.Join("; ", messages);
    }

    /// <summary>The one journal of an answer, or what is wrong with the answer.</summary>
    public static (XeroBookedJournal? Journal, string? Problem) Journal(string? body)
    {
        var (journals, problem) = Journals(body);
        if (journals is null) return (null, problem);
        return journals.Count == 1 ? (journals[0], null) : (null, $"the answer holds {journals.Count} manual journals where one was expected");
    }

    /// <summary>Every journal of an answer (a list read back may hold none), or what is wrong with the answer.</summary>
    public static (IReadOnlyList<XeroBookedJournal>? Journals, string? Problem) Journals(string? body)
    {
        using var document = VendorJson.Parse(body, out var problem);
        if (document is null) return (null, problem);
        var json = new VendorJson();
        if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, "the answer is not a ManualJournals object");
        var items = json.Array(document.RootElement, "ManualJournals", "answer").ToList();
        var journals = new List<XeroBookedJournal>();
        foreach (var (item, path) in items)
        {
            var id = json.Text(item, "ManualJournalID", path);
            var status = json.Text(item, "Status", path);
            var narration = json.Text(item, "Narration", path, required: false) ?? "";
            var tax = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (line, linePath) in json.Array(item, "JournalLines", path))
            {
                var type = json.Text(line, "TaxType", linePath, required: false) ?? XeroJournalMapping.NoTax;
                tax[type] = tax.GetValueOrDefault(type) + json.Decimal(line, "TaxAmount", linePath, required: false);
            }
            journals.Add(new XeroBookedJournal(id ?? "", status ?? "", narration, tax));
        }
        return json.HasProblems ? (null, json.Describe()) : (journals, null);
    }

    private static IEnumerable<string> Messages(JsonElement journal, string name) =>
        journal.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(
                e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()!
                    : e.GetRawText())
            : [];

    internal static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
