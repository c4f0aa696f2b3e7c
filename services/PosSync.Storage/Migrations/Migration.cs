using System.Text.RegularExpressions;

namespace PosSync.Storage.Migrations;

public sealed partial record Migration(int Version, string Name, string Script)
{
    /// <summary>The script's batches: SQL Server runs statements such as CREATE VIEW alone, separated by GO lines.</summary>
    public IReadOnlyList<string> Batches() => GoSeparator().Split(Script).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
