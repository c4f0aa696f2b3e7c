using Microsoft.Extensions.Configuration;
using PosSync.ServiceDefaults;

namespace PosSync.Cli.Commands;

/// <summary>
/// Settings for commands that touch the database: environment variables (Storage__Engine,
/// Storage__ConnectionString for SQL Server, ...) with --data overriding the embedded data folder.
/// </summary>
public static class CliConfiguration
{
    public static IConfigurationRoot Build(IDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides.Where(o => o.Value is not null))
            .Build();

    public static StorageOptions Storage(string? dataDirectory)
    {
        var configuration = Build(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory });
        return OptionsCheck.Bind<StorageOptions>(configuration, StorageOptions.Section);
    }
}
