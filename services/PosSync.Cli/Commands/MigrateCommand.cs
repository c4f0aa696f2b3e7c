using System.CommandLine;
using PosSync.Cli.Support;
using PosSync.ServiceDefaults;
using PosSync.Storage.Migrations;

namespace PosSync.Cli.Commands;

/// <summary>possync migrate: applies the schema to the configured database (a Kubernetes Job before a rollout).</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database schema (SQLite by default, SQL Server when configured)");
        command.SetAction(async (result, cancel) =>
        {
            var storage = OptionsCheck.Bind<StorageOptions>(CliServices.Configuration(result.GetValue(CliServices.Data)), StorageOptions.Section);
            var database = storage.CreateDatabase();
            var applied = await MigrationRunner.ApplyAsync(database, cancel);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Describe()} is up to date."
                : $"{database.Describe()}: applied {string.Join(", ", applied)}.");
            return 0;
        });
        return command;
    }
}
