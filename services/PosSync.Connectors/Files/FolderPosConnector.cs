using System.Globalization;
using System.Text.Json;
using PosSync.Connectors.Recording;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Domain.Input;
using PosSync.Domain.Outcomes;

namespace PosSync.Connectors.Files;

/// <summary>
/// A POS connector over a folder of exported days in the canonical format: importing POS exports
/// is a real use (tills without an API, migrations, replays). A day with no file yet is not
/// available (it waits); a file that is not a valid day is the vendor's garbage, named field by field.
/// </summary>
public sealed class FolderPosConnector(FileConnectorOptions options, RequestRecorder recorder) : IPosConnector
{
    public const string ConnectorName = "folder";

    public string Name => ConnectorName;

    public static string DayPath(string root, string consumerId, string locationId, DateOnly date) =>
        Path.Combine(root, consumerId, locationId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".json");

    public static string CatalogPath(string root, string consumerId) => Path.Combine(root, consumerId, "catalog.json");

    public Task<ConnectorResult<PosDay>> FetchDayAsync(
        ConnectorContext context,
        Location location,
        DateOnly businessDate,
        CancellationToken cancellationToken)
    {
        var path = DayPath(options.PosFolder, context.ConsumerId, location.Id, businessDate);
        return recorder.CallAsync(context, Name, "day", "READ", new Uri(Path.GetFullPath(path)).AbsoluteUri, async () =>
        {
            if (!File.Exists(path))
                return ConnectorResult<PosDay>.Ok(PosDay.NotYet(OutcomeCodes.DayNotExported,
                    $"The POS has not exported {businessDate:yyyy-MM-dd} of location {location.Id} yet; the day will be tried again."));
            // Weighed before it is read: a file past the maximum is never loaded whole.
            if (DayLimits.TooManyBytes($"The POS export {Path.GetFileName(path)}", new FileInfo(path).Length) is { } tooBig)
                return ConnectorResult<PosDay>.Fail(ConnectorFailure.DayTooLarge(tooBig));
            var parsed = await DayFileReader.ReadAsync(path, cancellationToken);
            if (!parsed.IsValid)
                return ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                    $"The POS export {Path.GetFileName(path)} is not a valid day: {string.Join("; ", parsed.Problems)}"));
            var day = parsed.Value!;
            if (DayLimits.TooManyOrders($"The POS export {Path.GetFileName(path)}", day.Orders.Count) is { } tooMany)
                return ConnectorResult<PosDay>.Fail(ConnectorFailure.DayTooLarge(tooMany));
            if (day.LocationId != location.Id || day.BusinessDate != businessDate)
                return ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                    $"The POS export {Path.GetFileName(path)} holds {day.BusinessDate:yyyy-MM-dd} of location {day.LocationId}, " +
                        $"not {businessDate:yyyy-MM-dd} of {location.Id}."));
            return ConnectorResult<PosDay>.Ok(new PosDay(day));
        }, cancellationToken);
    }

    /// <summary>The folder's locations are the sub-folders holding a consumer's exports.</summary>
    public Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.PosFolder, context.ConsumerId);
        IReadOnlyList<PosLocation> locations = Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(
                d => new PosLocation(Path.GetFileName(d), Path.GetFileName(d), null)).OrderBy(l => l.Id).ToList()
            : [];
        return Task.FromResult(ConnectorResult<IReadOnlyList<PosLocation>>.Ok(locations));
    }

    public Task<ConnectorResult<PosCatalog>> CatalogAsync(
        ConnectorContext context,
        IReadOnlyList<Location> locations,
        CancellationToken cancellationToken)
    {
        var path = CatalogPath(options.PosFolder, context.ConsumerId);
        return recorder.CallAsync(context, Name, "catalog", "READ", new Uri(Path.GetFullPath(path)).AbsoluteUri, async () =>
        {
            // Without a catalog file only the configuration's own completeness can be checked.
            if (!File.Exists(path)) return ConnectorResult<PosCatalog>.Ok(PosCatalog.Unknown);
            var document = InputDocument.ParseJson(await File.ReadAllBytesAsync(path, cancellationToken));
            if (!document.IsValid)
                return ConnectorResult<PosCatalog>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"catalog.json: {document.Describe()}"));
            using var json = document.Value!;
            return ReadCatalog(json.RootElement);
        }, cancellationToken);
    }

    private static ConnectorResult<PosCatalog> ReadCatalog(JsonElement root)
    {
        try
        {
            var methods = Entries(root, "payment_methods");
            var categories = Entries(root, "categories");
            var rates = root.TryGetProperty("vat_rates", out var r) ? r.EnumerateArray().Select(v => v.GetDecimal()).ToList() : [];
            return ConnectorResult<PosCatalog>.Ok(new PosCatalog(methods, categories, rates));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return ConnectorResult<PosCatalog>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                "catalog.json must hold payment_methods and categories as [{\"id\", \"name\"}] and vat_rates as numbers"));
        }
    }

    private static List<CatalogEntry> Entries(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list)
            ? list.EnumerateArray().Select(e => new CatalogEntry(e.GetProperty("id").GetString()!, e.GetProperty("name").GetString()!)).ToList()
            : [];
}
