using System.Text;
using PosSync.Domain.Booking;
using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Support;

/// <summary>
/// The bundle's README.txt, in the words of the support guide: what to send support (the consumer
/// id, the date the tolerance was changed, the amounts the client expected for the day, the
/// order-level export), then what each file answers and the command that prints it again.
/// </summary>
public static class BundleReadme
{
    public static string Write(BundleFacts facts, IReadOnlyList<(BundlePart Part, string? Problem)> parts)
    {
        var day = facts.Day.ToString("yyyy-MM-dd");
        var text = new StringBuilder();
        text.AppendLine($"PosSync support bundle: {facts.Name} ({facts.ConsumerId}), business day {day}, "
            + $"{(facts.Locations.Count == 1 ? "location " : "locations ")}{string.Join(", ", facts.Locations)}.");
        text.AppendLine($"Written {ConfigurationHistoryText.Time(facts.WrittenAt)} by possync support-bundle. It holds no secret: "
            + "no token, password or key (request URLs are recorded without them).");
        text.AppendLine();
        text.AppendLine("What to send support: this whole folder, and in the ticket");
        text.AppendLine($"  - the consumer id: {facts.ConsumerId}");
        text.AppendLine(facts.LastToleranceChange is { } change
            ? $"  - the date the tolerance was changed: {ConfigurationHistoryText.Line(change)} (every change: {BundlePlan.History})"
            : $"  - the date the tolerance was changed: none recorded, the tolerance is {Money.Format(facts.Tolerance)} "
              + $"since PosSync keeps a history ({BundlePlan.History})");
        text.AppendLine($"  - the amounts the client expected for {day} (sales, payments, tips): ask the client, and write them in the ticket");
        foreach (var (location, fetched) in facts.Fetched)
            text.AppendLine($"    what PosSync fetched from the POS at {location}: {fetched}");
        var exports = parts.Where(p => p.Part.CommandWritesFile && p.Problem is null).Select(p => p.Part.File).ToList();
        text.AppendLine(exports.Count > 0
            ? $"  - the order-level export: {string.Join(", ", exports)}"
            : "  - the order-level export: not written (see below)");
        text.AppendLine();
        text.AppendLine("What each file answers, and the command that prints it again:");
        foreach (var (part, problem) in parts.Where(p => p.Problem is null))
        {
            text.AppendLine($"  {part.File}");
            text.AppendLine($"      {part.Answers}.");
            if (part.Command is { } command) text.AppendLine($"      possync {string.Join(" ", command.Select(Quote))}");
        }
        var missing = parts.Where(p => p.Problem is not null).ToList();
        if (missing.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Not written:");
            foreach (var (part, problem) in missing) text.AppendLine($"  {part.File}: {problem}");
        }
        return text.ToString();
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.Any(char.IsWhiteSpace) && !arg.Contains('"') ? arg : $"\"{arg.Replace("\"", "\\\"")}\"";
}
