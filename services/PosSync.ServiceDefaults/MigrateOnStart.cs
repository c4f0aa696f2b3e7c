using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosSync.Storage;
using PosSync.Storage.Migrations;

namespace PosSync.ServiceDefaults;

/// <summary>Applies missing migrations before the bus starts, in the embedded mode.</summary>
public sealed partial class MigrateOnStart(Database database, ILogger<MigrateOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await MigrationRunner.ApplyAsync(database, cancellationToken);
        if (applied.Count > 0) LogApplied(database.Describe(), string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migrations to {Database}: {Scripts}")]
    private partial void LogApplied(string database, string scripts);
}
