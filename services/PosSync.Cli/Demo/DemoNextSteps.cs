using System.Globalization;
using PosSync.Cli.Support;
using PosSync.Storage;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Cli.Demo;

/// <summary>
/// How the demo ends: the questions support would ask about the week that just ran, each with the
/// command that answers it on this folder, ready to copy — so a newcomer goes on to the support
/// commands, not only to preview.
/// </summary>
public static class DemoNextSteps
{
    /// <param name="mismatchDayFile">The mismatched day's file the demo wrote for preview, when a day did not add up.</param>
    public static void Write(TextWriter output, string folder, IReadOnlyList<ExecutionRecord> executions, string? mismatchDayFile)
    {
        // Every other command reads ./.possync (or Storage__DataDirectory) unless told: name the demo's folder when it is another.
        var data = DemoFolder.Resolve(null) == folder ? "" : $" --data {Quoted(folder)}";
        var steps = new List<(string Question, string Command)>();
        if (executions.FirstOrDefault(e => e.ErrorCode == OutcomeCodes.PosAuth) is { } refused && Client(refused.ConsumerId) is { } client)
        {
            steps.Add(($"Which consumer is \"{SearchText.Fold(client.Name.Split(' ')[0])}\"?",
                $"possync consumers find {SearchText.Fold(client.Name.Split(' ')[0])}"));
            steps.Add(($"Why is {client.Name} not syncing?", $"possync consumers show {client.ConsumerId}"));
        }
        if (executions.FirstOrDefault(e => e.ErrorCode == OutcomeCodes.SumMismatch) is { } mismatch)
        {
            var day = $"{mismatch.ConsumerId} --day {mismatch.BusinessDate:yyyy-MM-dd} --location {mismatch.LocationId}";
            steps.Add(($"Why does {mismatch.BusinessDate.ToString("dddd d MMMM", CultureInfo.InvariantCulture)} not add up?",
                $"possync diagnose {day}"));
            steps.Add(("What did that run do, call by call?", $"possync executions show --latest {day}"));
            steps.Add(("Which orders make that day?", $"possync export orders {day} --out day.csv"));
            steps.Add(("Every run that ended in error", $"possync executions list {mismatch.ConsumerId} --status error"));
            if (mismatchDayFile is not null)
                steps.Add(("What would booking that day do?",
                    $"possync preview --config {Quoted(Path.Combine(folder, "consumers", mismatch.ConsumerId + ".json"))} --day " +
                    $"{Quoted(mismatchDayFile)}"));
        }
        if (steps.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Now try what support would run on this week (possync COMMAND --help shows more):");
        var width = steps.Max(s => s.Question.Length);
        // preview reads files, not the database: it needs no --data.
        foreach (var (question, command) in steps)
            output.WriteLine($"  {question.PadRight(width)}  " +
                $"{command}{(command.StartsWith("possync preview", StringComparison.Ordinal) ? "" : data)}");
    }

    private static Domain.Configuration.ConsumerConfiguration? Client(string consumerId) =>
        DemoWeek.Clients().Select(c => c.Config).FirstOrDefault(c => c.ConsumerId == consumerId);

    private static string Quoted(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
