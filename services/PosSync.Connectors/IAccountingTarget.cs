using PosSync.Contracts;

namespace PosSync.Connectors;

/// <summary>An accounting tool: book this entry once, find it again, take it back when a re-import replaces it.</summary>
public interface IAccountingTarget
{
    string Name { get; }

    /// <summary>Books the entry, or finds it already booked under the same number with the same lines.</summary>
    Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Reverses or deletes a booked entry, as the tool allows, so a day never has two live entries.
    /// Removing an entry already removed succeeds and changes nothing: a retry may come after a lost answer.
    /// </summary>
    Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken);
}
