using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync diagnose: the support checklist for one day, with a verdict and evidence per check, then what to do next.</summary>
public static class DiagnoseCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var day = new Option<string>("--day") { Description = "The business day (yyyy-MM-dd)", Required = true };
        var location = new Option<string?>("--location") { Description = "One location (default: each of the consumer's)" };
        var command = new Command("diagnose", "Why is this day missing or not adding up? Walks the support checklist") { id, day, location };
        command.SetAction(async (result, cancel) =>
        {
            var date = ParseDate(result.GetValue(day), "--day")!.Value;
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var report = await services.GetRequiredService<Diagnosis>().RunAsync(result.GetValue(id)!, date, result.GetValue(location), cancel);
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(report);
                return 0;
            }
            Console.WriteLine($"Diagnosis of {report.ConsumerId} for {report.Day:yyyy-MM-dd}");
            var table = new Table("location", "check", "verdict", "evidence");
            foreach (var check in report.Checks)
            {
                // Evidence is wrapped, never cut: the hint that explains a mismatch or the date a tolerance changed is often at its end.
                var lines = Wrap(check.Evidence, EvidenceWidth);
                table.Row(check.Location, check.Name, check.Verdict.ToString().ToUpperInvariant(), lines[0]);
                foreach (var more in lines.Skip(1)) table.Row("", "", "", more);
            }
            table.WriteTo(Console.Out, EvidenceWidth);
            Console.WriteLine();
            Console.WriteLine($"Next: {report.Next}");
            return 0;
        });
        return command;
    }

    private const int EvidenceWidth = 110;

    /// <summary>Cuts a text into lines of at most <paramref name="width"/> characters, at spaces where it can.</summary>
    internal static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var rest = text.ReplaceLineEndings(" ").Trim();
        while (rest.Length > width)
        {
            var cut = rest.LastIndexOf(' ', width);
            if (cut <= 0) cut = width;
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        lines.Add(rest);
        return lines;
    }
}
