using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PosSync.Sandbox.Square;

/// <summary>
/// The cursors a sandbox issued: each names the query it continues ("when retrieving additional pages
/// using a cursor, you must use the original query") and where the next page starts. A cursor may be
/// asked again (a retry after a lost answer); with another query, or one never issued, it is invalid.
/// </summary>
public sealed class SquareCursors
{
    /// <param name="Owner">Whose query it is (the seller): another seller's token cannot follow it.</param>
    /// <param name="FirstAsked">When the first page was asked: an open-ended time range ends there for every page.</param>
    public sealed record Page(string Owner, string Query, int Offset, DateTimeOffset FirstAsked);

    private readonly ConcurrentDictionary<string, Page> _issued = new(StringComparer.Ordinal);

    public string Issue(Page next)
    {
        var cursor = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _issued[cursor] = next;
        return cursor;
    }

    /// <summary>The page the cursor continues, or null when it was not issued for this seller's same query.</summary>
    public Page? Follow(string cursor, string owner, string query) =>
        _issued.TryGetValue(cursor, out var page) && page.Owner == owner && page.Query == query ? page : null;
}
