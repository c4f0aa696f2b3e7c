using System.Text.RegularExpressions;

namespace PosSync.Sandbox.Xero;

/// <summary>
/// The <c>where</c> of GET /ManualJournals as far as the sandbox imitates it (docs/vendors/xero.md "Reading
/// journals back"): equality on <c>Narration</c> (an optimised filter of Xero's) or <c>Status</c> (SPEC's
/// example), one clause or several joined by <c>AND</c>. Xero takes far richer expressions; the sandbox refuses
/// any other rather than answer as if it had filtered.
/// </summary>
public static partial class XeroJournalFilter
{
    private static readonly string[] Fields = ["Narration", "Status"];

    /// <summary>The test a journal must pass, or why the sandbox does not take the expression.</summary>
    public static (Func<XeroStoredJournal, bool>? Matches, string? Refusal) Parse(string? where)
    {
        if (string.IsNullOrWhiteSpace(where)) return (_ => true, null);
        var tests = new List<Func<XeroStoredJournal, bool>>();
        foreach (var clause in where.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            var match = Clause().Match(clause);
            if (!match.Success || !Fields.Contains(match.Groups["field"].Value))
                return (null, $"The sandbox filters manual journals only on Narration==\"…\" or Status==\"…\" joined by AND, not '{clause}'.");
            var value = match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
            tests.Add(match.Groups["field"].Value == "Narration" ? j => j.Narration == value : j => j.Status == value);
        }
        return (j => tests.All(t => t(j)), null);
    }

    [GeneratedRegex("""^(?<field>[A-Za-z]+)\s*==\s*"(?<value>(?:[^"\\]|\\")*)"$""")]
    private static partial Regex Clause();
}
