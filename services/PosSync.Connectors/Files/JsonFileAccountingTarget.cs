using System.Globalization;
using PosSync.Connectors.Recording;
using PosSync.Contracts;
using PosSync.Domain.Booking;

namespace PosSync.Connectors.Files;

/// <summary>
/// An accounting target that writes each booked entry as a JSON file named by its number and
/// keeps what it wrote: a re-post of the same entry is recognised and not written twice, a
/// different entry under a taken number is refused, and a removed entry is set aside, not deleted.
/// </summary>
public sealed class JsonFileAccountingTarget(FileConnectorOptions options, RequestRecorder recorder, TimeProvider clock) : IAccountingTarget
{
    public const string ConnectorName = "json-file";
    private const string IdPrefix = "json:";

    public string Name => ConnectorName;

    public static string EntryPath(string root, string consumerId, string entryNumber) => Path.Combine(root, consumerId, entryNumber + ".json");

    public Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken)
    {
        var path = EntryPath(options.EntriesFolder, context.ConsumerId, entry.Number);
        return recorder.CallAsync(context, Name, "post-entry", "WRITE", new Uri(Path.GetFullPath(path)).AbsoluteUri, async () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var content = BookingOutcomeJson.EntryJson(entry);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllTextAsync(temporary, content, cancellationToken);
            try
            {
                // The move fails when the number is taken: that, not a prior check, is what makes a re-post safe.
                File.Move(temporary, path, overwrite: false);
                return ConnectorResult<PostedEntry>.Ok(new PostedEntry(IdPrefix + entry.Number, AlreadyExisted: false));
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
                var existing = await File.ReadAllTextAsync(path, cancellationToken);
                if (existing == content) return ConnectorResult<PostedEntry>.Ok(new PostedEntry(IdPrefix + entry.Number, AlreadyExisted: true));
                return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                    $"An entry numbered {entry.Number} already exists with different lines; it was not overwritten."));
            }
        }, cancellationToken);
    }

    public Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken)
    {
        var number = accountingId.StartsWith(IdPrefix, StringComparison.Ordinal) ? accountingId[IdPrefix.Length..] : accountingId;
        var path = EntryPath(options.EntriesFolder, context.ConsumerId, number);
        return recorder.CallAsync(context, Name, "remove-entry", "DELETE", new Uri(Path.GetFullPath(path)).AbsoluteUri, () =>
        {
            if (!File.Exists(path))
            {
                // Set aside already (a retry after the move): removing twice is removing once.
                var removedBefore = Directory.Exists(Path.GetDirectoryName(path))
                    && Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".removed-*").Any();
                return Task.FromResult(removedBefore
                    ? ConnectorResult<bool>.Ok(true)
                    : ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, $"No entry {number} to remove.")));
            }
            var stamp = clock.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture);
            File.Move(path, $"{path}.removed-{stamp}");
            return Task.FromResult(ConnectorResult<bool>.Ok(true));
        }, cancellationToken);
    }
}
