namespace PosSync.Cli.Support;

/// <summary>
/// The examples each command's --help ends with, on the demo's consumers and days, so a newcomer
/// can copy one after <c>possync demo</c> and see it work. Kept in one place, by the words the user
/// types ("consumers find"), so every command has its examples and a test can say which one has none.
/// </summary>
public static class CommandExamples
{
    private static readonly Dictionary<string, string[]> ByCommand = new(StringComparer.Ordinal)
    {
        [""] = ["possync demo", "possync consumers find cafe", "possync diagnose c-brasserie --day 2025-03-13"],
        ["demo"] = ["possync demo", "possync demo --data /tmp/possync-demo"],
        ["preview"] = ["possync preview --config .possync/consumers/c-brasserie.json --day .possync/days/c-brasserie-1001-2025-03-13.json"],
        ["migrate"] = ["possync migrate", "Storage__Engine=SqlServer Storage__ConnectionString='Server=sql;Database=possync;...' possync migrate"],
        ["prune"] = ["possync prune --dry-run", "possync prune"],
        ["bench"] = ["possync bench booking --seconds 3", "possync bench pipeline", "possync bench day"],
        ["bench day"] = ["possync bench day", "possync bench day --orders 100 --orders 50000 --json",
            "possync bench day --orders 10000 --orders 50000 --stages"],
        ["bench booking"] = ["possync bench booking --seconds 3", "possync bench booking --orders 5000 --json"],
        ["bench pipeline"] = ["possync bench pipeline", "possync bench pipeline --days 40 --orders 1000 --rounds 3",
            "Messaging__Transport=RabbitMq possync bench pipeline --json"],
        ["sandbox"] = ["possync sandbox --port 5080"],
        ["consumers"] = ["possync consumers find cafe", "possync consumers show c-zinc", "possync consumers apply -f brasserie.json"],
        ["consumers apply"] = ["possync consumers apply -f brasserie.json", "possync consumers apply -f brasserie.json --by marie"],
        ["consumers find"] = ["possync consumers find cafe", "possync consumers find owner@"],
        ["consumers show"] = ["possync consumers show c-brasserie"],
        ["executions"] = ["possync executions list c-brasserie --status error", "possync executions show --latest c-brasserie --day 2025-03-13"],
        ["executions list"] = ["possync executions list c-brasserie --status error",
            "possync executions list c-brasserie --from 2025-03-10 --to 2025-03-16 --limit 20"],
        ["executions show"] = ["possync executions show --latest c-brasserie --day 2025-03-13 --location 1001",
            "possync executions show EXECUTION_ID"],
        ["requests"] = ["possync requests c-zinc --status-code 401", "possync requests c-brasserie --execution EXECUTION_ID"],
        ["diagnose"] = ["possync diagnose c-brasserie --day 2025-03-13 --location 1001"],
        ["support-bundle"] = ["possync support-bundle c-brasserie --day 2025-03-13 --location 1001 --out ticket-1234"],
        ["schedule"] = ["possync schedule --once", "possync schedule --consumer c-brasserie --once --lookback-days 7"],
        ["retry"] = ["possync retry c-brasserie --all-failed", "possync retry c-brasserie --from 2025-03-13 --to 2025-03-13"],
        ["reimport"] = ["possync reimport c-brasserie --from 2025-03-13 --to 2025-03-13"],
        ["errors"] = ["possync errors list --queue accounting-export", "possync errors redrive --queue accounting-export --limit 10"],
        ["errors list"] = ["possync errors list --queue accounting-export"],
        ["errors redrive"] = ["possync errors redrive --queue accounting-export --limit 10"],
        ["export"] = ["possync export orders c-brasserie --day 2025-03-13 --location 1001 --out day.csv"],
        ["export orders"] = ["possync export orders c-brasserie --day 2025-03-13 --location 1001 --out day.csv"],
        ["connect"] = ["possync connect c-zinc --role pos"],
    };

    /// <summary>The examples of a command, by the words after <c>possync</c> ("" for possync itself); none when it has none yet.</summary>
    public static IReadOnlyList<string> For(string commandWords) => ByCommand.GetValueOrDefault(commandWords) ?? [];
}
