using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using PosSync.Cli.Support;
using PosSync.ServiceDefaults;
using PosSync.Storage;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync prune: applies Storage:Retention to the execution log (a daily Kubernetes CronJob in
/// production). Safe next to running workers: small batches, oldest first, each its own transaction.
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be deleted; delete nothing" };
        var command = new Command("prune",
            "Delete executions, events and requests older than Storage:Retention:Days (default 400); never the day ledger") { dryRun };
        command.SetAction(async (result, cancel) =>
        {
            // Bound and validated like at every start: a bad Storage:Retention value is one line naming it, exit 1.
            var storage = OptionsCheck.Bind<StorageOptions>(CliServices.Configuration(result.GetValue(CliServices.Data)), StorageOptions.Section);
            var retention = storage.Retention;
            var database = storage.CreateDatabase();
            var cutoff = retention.Cutoff(DateTimeOffset.UtcNow);
            var json = result.GetValue(CliServices.Json);
            var dry = result.GetValue(dryRun);
            try
            {
                // The embedded store migrates at start like every process (the time indexes the batches need came with a migration).
                if (storage.ShouldMigrateOnStart) await MigrationRunner.ApplyAsync(database, cancel);
                var pruner = new ExecutionLogPruner(database);
                if (!json) Console.WriteLine(Heading(database, retention, cutoff, dry));
                var tables = dry
                    ? await pruner.CountAsync(cutoff, retention.BatchSize, cancel)
                    : await pruner.PruneAsync(cutoff, retention.BatchSize, TimeSpan.FromMilliseconds(retention.PauseMilliseconds),
                        t => { if (!json) Console.WriteLine(Line(t, dry)); }, cancel);
                if (json)
                {
                    Support.Output.Json(new { DryRun = dry, RetentionDays = retention.Days, Cutoff = Support.Output.Time(cutoff),
                        Database = database.Describe(), Tables = tables });
                    return 0;
                }
                if (dry) foreach (var table in tables) Console.WriteLine(Line(table, dry));
                Console.WriteLine($"{(dry ? "Would delete" : "Deleted")} {Count(tables.Sum(t => t.Rows))} in all; the day ledger, " +
                    "consumers, credentials, issues and day snapshots are kept.");
                return 0;
            }
            catch (DbException e)
            {
                // One line an operator can act on, not a stack trace; the CronJob's next run carries on where this one stopped.
                Console.Error.WriteLine($"error: {database.Describe()} could not be pruned: {e.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        });
        return command;
    }

    private static string Heading(Database database, RetentionOptions retention, DateTime cutoff, bool dry) =>
        $"{(dry ? "Dry run, nothing is deleted. " : "")}Retention {retention.Days} days: executions, events and requests older than " +
            $"{Support.Output.Time(cutoff)} UTC in {database.Describe()}, {retention.BatchSize} rows per batch.";

    private static string Line(PrunedTable table, bool dry) =>
        $"{table.Table}: {Count(table.Rows)} {(dry ? "would be deleted" : "deleted")} in {table.Batches} batch{(table.Batches == 1 ? "" : "es")}";

    private static string Count(long rows) => $"{rows.ToString("N0", CultureInfo.InvariantCulture)} row{(rows == 1 ? "" : "s")}";
}
