namespace PosSync.Connectors.Files;

/// <summary>Where the file connectors read POS exports and write booked entries.</summary>
public sealed class FileConnectorOptions
{
    /// <summary>POS exports: {PosFolder}/{consumer}/{location}/{yyyy-MM-dd}.json, and an optional {consumer}/catalog.json.</summary>
    public string PosFolder { get; set; } = "";

    /// <summary>Booked entries: {EntriesFolder}/{consumer}/{entry number}.json.</summary>
    public string EntriesFolder { get; set; } = "";

    /// <summary>FEC files: {FecFolder}/{consumer}/{SIREN}FEC{closing date}.txt.</summary>
    public string FecFolder { get; set; } = "";
}
