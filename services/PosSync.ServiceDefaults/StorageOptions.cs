using System.ComponentModel.DataAnnotations;
using PosSync.Storage;

namespace PosSync.ServiceDefaults;

/// <summary>Section "Storage": the database of configuration, day ledger and execution log.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageEngine Engine { get; set; } = StorageEngine.Sqlite;

    /// <summary>SQL Server connection string (a secret), or a SQLite one; empty: SQLite in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The embedded default's home: the SQLite file and the file connectors' folders.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".possync";

    /// <summary>Apply migrations when the process starts (the embedded default); production runs `possync migrate` once instead.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Engine == StorageEngine.Sqlite;

    public RetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// How long a SQLite statement waits for a lock held by another process (default 30 s, the
    /// workers'); the CLI sets 10 s so a person is told about a locked database within seconds.
    /// </summary>
    [Range(1, 600)]
    public int? LockTimeoutSeconds { get; set; }

    public Database CreateDatabase() => Engine == StorageEngine.SqlServer
        ? Database.SqlServer(ConnectionString!)
        : string.IsNullOrWhiteSpace(ConnectionString)
            ? Database.SqliteFile(EnsureDataDirectory(), LockTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : Database.Sqlite(ConnectionString);

    /// <summary>The data folder, made when missing; a folder that cannot be made is a configuration error, not a crash.</summary>
    public string EnsureDataDirectory()
    {
        try
        {
            Directory.CreateDirectory(DataDirectory);
            return DataDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PosSyncConfigurationException($"{Section}:DataDirectory (--data) {Path.GetFullPath(DataDirectory)} cannot be used: {e.Message}",
                e);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == StorageEngine.SqlServer && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("must be set when Engine is SqlServer", [nameof(ConnectionString)]);
    }
}
