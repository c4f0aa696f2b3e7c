using System.CommandLine;
using System.Text;
using PosSync.Cli.Support;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync support-bundle: the support ticket of the guide in one folder — the consumer page, the
/// configuration history, the day's diagnosis, its executions with events and requests, the order
/// export, and a README.txt saying what each file answers and what to send. Each file is what the
/// possync command named in the README prints, so the bundle shows nothing support could not check.
/// </summary>
public static class SupportBundleCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var day = new Option<string>("--day") { Description = "The business day (yyyy-MM-dd)", Required = true };
        var location = new Option<string?>("--location") { Description = "One location (default: each of the consumer's)" };
        var output = new Option<string>("--out") { Description = "The folder to write the bundle in (made when missing)", Required = true };
        var command = new Command("support-bundle",
            "Everything support needs about one consumer's day, in one folder to attach to a ticket (no secret in it). "
            + "Example: possync support-bundle c-brasserie --day 2025-03-13 --location 1001 --out ticket-1234") { id, day, location, output };
        command.SetAction(async (result, cancel) =>
        {
            var date = ParseDate(result.GetValue(day), "--day")!.Value;
            var consumerId = result.GetValue(id)!;
            var data = result.GetValue(Data);
            BundleFacts facts;
            IReadOnlyList<(Guid, string)> runs;
            IReadOnlyList<ConfigurationHistoryEntry> history;
            await using (var services = await OpenAsync(data, cancel))
            {
                // The consumer and the location are checked before anything is written.
                var config = (await services.GetRequiredService<ConsumerStates>().GetAsync(consumerId, cancel)).Config;
                var locations = result.GetValue(location) is { } wanted
                    ? [config.FindLocation(wanted)?.Id ?? throw new OperationRefusedException(
                        $"{consumerId} has no location {wanted} (it has {string.Join(", ", config.Locations.Select(l => l.Id))}).")]
                    : config.Locations.Select(l => l.Id).ToList();
                var log = services.GetRequiredService<ExecutionLog>();
                var found = new List<(Guid, string)>();
                foreach (var at in locations)
                    found.AddRange((await log.OfDayAsync(new DayKey(consumerId, at, date), cancel)).Select(r => (r.ExecutionId, at)));
                runs = found;
                history = await services.GetRequiredService<ConfigurationHistory>().ListAsync(consumerId, cancel);
                facts = new BundleFacts(consumerId, config.Name, date, locations, DateTime.UtcNow, config.Settings.Tolerance,
                    history.LastOrDefault(h => h.Field == ToleranceAtRun.Field), new Dictionary<string, string>());
            }
            var folder = BundleFolder.Prepare(result.GetValue(output)!);

            var root = Commands(data);
            var written = new List<(BundlePart Part, string? Problem)>();
            var fetched = new Dictionary<string, string>();
            foreach (var part in BundlePlan.For(consumerId, date, result.GetValue(location), facts.Locations, runs, folder))
            {
                var file = Path.Combine(folder, part.File);
                if (part.Command is null)
                {
                    await File.WriteAllTextAsync(file, HistoryText(consumerId, history), new UTF8Encoding(false), cancel);
                    written.Add((part, null));
                    continue;
                }
                var args = data is null ? part.Command : [.. part.Command, "--data", data];
                var ran = await CommandCapture.RunAsync(root, args, part.CommandWritesFile ? null : file, cancel);
                written.Add((part, ran.Problem));
                // The export's summary says what PosSync fetched: the figures to hold against what the client expected.
                if (part.CommandWritesFile && ran.Problem is null) fetched[part.Command[6]] = Summary(ran.Printed);
            }
            var readme = BundleReadme.Write(facts with { Fetched = fetched }, written);
            await File.WriteAllTextAsync(Path.Combine(folder, BundlePlan.Readme), readme, new UTF8Encoding(false), cancel);

            var missing = written.Where(w => w.Problem is not null).ToList();
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(new
                {
                    folder, files = written.Where(w => w.Problem is null).Select(w => w.Part.File).Prepend(BundlePlan.Readme),
                    not_written = missing.Select(m => new { file = m.Part.File, reason = m.Problem }),
                });
                return 0;
            }
            var files = written.Count - missing.Count + 1;
            Console.WriteLine($"Wrote the support bundle of {consumerId} for {date:yyyy-MM-dd} in {folder}: {files} files; "
                + $"{BundlePlan.Readme} says what each answers and what to send support.");
            foreach (var (part, problem) in missing) Console.WriteLine($"Not written: {part.File}: {problem}");
            return 0;
        });
        return command;
    }

    /// <summary>The commands whose output the bundle holds, on the same database.</summary>
    private static RootCommand Commands(string? data)
    {
        var root = new RootCommand("possync")
        {
            ConsumersCommand.Create(), DiagnoseCommand.Create(), ExecutionsCommand.Create(), ExportCommand.Create(),
        };
        root.Options.Add(CliServices.Data);
        root.Options.Add(CliServices.Json);
        return root;
    }

    /// <summary>"/path/orders-1001.csv: 40 orders, ... paid 2,476.80 + tips 12.00." without the path, which the README names already.</summary>
    private static string Summary(string printed)
    {
        var line = printed.Split('\n', StringSplitOptions.TrimEntries)[0];
        var colon = line.IndexOf(".csv: ", StringComparison.Ordinal);
        return colon < 0 ? line : line[(colon + 6)..];
    }

    private static string HistoryText(string consumerId, IReadOnlyList<ConfigurationHistoryEntry> history)
    {
        var text = new StringBuilder($"Configuration history of {consumerId}, oldest first (field old → new, when, by whom, from which file):\n");
        if (history.Count == 0)
            text.AppendLine("Nothing recorded: the configuration was applied before PosSync kept a history, and not changed since.");
        foreach (var change in history) text.AppendLine(ConfigurationHistoryText.Line(change));
        return text.ToString();
    }
}
