namespace PosSync.ServiceDefaults;

/// <summary>Section "Connectors": where the file connectors read and write (defaults under the data folder).</summary>
public sealed class ConnectorsOptions
{
    public const string Section = "Connectors";

    public string? PosFolder { get; set; }
    public string? EntriesFolder { get; set; }
    public string? FecFolder { get; set; }
}
