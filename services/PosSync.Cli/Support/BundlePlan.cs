namespace PosSync.Cli.Support;

/// <summary>
/// What a support bundle holds for one consumer and day: the consumer page, the configuration
/// history, the day's diagnosis, its executions with their events and requests, and the order
/// export of each location — each the output of the possync command support would run (text to
/// read, and JSON, complete where a table cuts long cells), so nothing is computed twice.
/// </summary>
public static class BundlePlan
{
    public const string Readme = "README.txt";
    public const string History = "configuration-history.txt";

    /// <param name="locations">The locations the bundle covers: the one asked for, or every one of the consumer.</param>
    /// <param name="runs">The runs of the day at those locations, newest first.</param>
    /// <param name="location">The --location asked for, passed on to diagnose.</param>
    public static IReadOnlyList<BundlePart> For(string consumerId, DateOnly day, string? location, IReadOnlyList<string> locations,
        IReadOnlyList<(Guid Id, string Location)> runs, string outDirectory)
    {
        var date = day.ToString("yyyy-MM-dd");
        var parts = new List<BundlePart>();
        void Both(string name, string answers, params string[] command)
        {
            parts.Add(new BundlePart(name + ".txt", answers, command));
            parts.Add(new BundlePart(name + ".json", $"the same as {name}.txt, complete (the tables cut long cells), for tools",
                [.. command, "--json"]));
        }

        Both("consumer", "Which consumer is this, and is its sync set up and running? Connections and their status, sync enabled or every "
            + "reason not, open issues, last execution, recent requests, the configuration and its history", "consumers", "show", consumerId);
        parts.Add(new BundlePart(History, "When was the configuration changed, by whom, from which file: the date the tolerance changed", null));
        Both("diagnosis", $"Why is {date} missing or not adding up? The support checklist, a verdict and evidence per check, what to do next",
            location is null ? ["diagnose", consumerId, "--day", date] : ["diagnose", consumerId, "--day", date, "--location", location]);
        Both("executions", $"Was {date} executed? Every run of the day, how it ended",
            "executions", "list", consumerId, "--from", date, "--to", date);
        foreach (var (id, at) in runs)
            Both($"execution-{Safe(at)}-{id}", $"What exactly happened in this run of {date} at {at}? Every event, and every call to "
                + "the POS and the accounting tool (the transaction table), in order", "executions", "show", id.ToString());
        foreach (var at in locations)
        {
            var csv = $"orders-{Safe(at)}.csv";
            parts.Add(new BundlePart(csv, $"The order-level export of {date} at {at}: orders, items, VAT, payments and tips as fetched from "
                + "the POS, with a totals row equal to the booked entry",
                ["export", "orders", consumerId, "--day", date, "--location", at, "--out", Path.Combine(outDirectory, csv)],
                CommandWritesFile: true));
        }
        return parts;
    }

    /// <summary>A location id as part of a file name: anything a file system refuses becomes '_'.</summary>
    public static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
