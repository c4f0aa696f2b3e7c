using System.Text.RegularExpressions;
using PosSync.Domain.Enablement;
using PosSync.Domain.Outcomes;
using PosSync.Storage.Migrations;

namespace PosSync.Storage.Tests;

/// <summary>
/// Support's views pick rows by code ('POS_AUTH', 'SUM_MISMATCH', 'MAPPING_MISSING'...). SQL cannot
/// name a C# catalogue, so this guards the link: every code a migration names is a word of the
/// outcome catalogue or of the enablement catalogue. Renaming a code without the views fails here
/// instead of leaving a Grafana panel silently empty.
/// </summary>
public partial class CodesInMigrationsTests
{
    private static readonly HashSet<string> KnownWords =
        OutcomeCodes.All.Select(c => c.Word).Concat(EnablementCodes.All.Select(c => c.Word)).ToHashSet(StringComparer.Ordinal);

    [TestCase(StorageEngine.Sqlite)]
    [TestCase(StorageEngine.SqlServer)]
    public void Every_code_a_migration_names_is_in_a_catalogue(StorageEngine engine)
    {
        var named = MigrationRunner.Scripts(engine)
            .SelectMany(m => CodeWord().Matches(m.Script).Select(w => (Script: m.Name, Word: w.Groups[1].Value)))
            .ToList();

        Assert.That(named.Where(n => !KnownWords.Contains(n.Word)).Select(n => $"{n.Script}: '{n.Word}'").Distinct(), Is.Empty);
        Assert.That(named.Select(n => n.Word), Has.Member("POS_AUTH").And.Member("MAPPING_MISSING"), "the scan finds the views' codes");
    }

    [Test]
    public void A_word_outside_both_catalogues_is_caught()
    {
        Assert.That(CodeWord().Matches("WHERE code = 'POS_AUTHH'").Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "POS_AUTHH" }));
        Assert.That(KnownWords, Does.Not.Contain("POS_AUTHH"));
    }

    /// <summary>A quoted upper-case word with an underscore: how codes are written, and nothing else in the scripts is.</summary>
    [GeneratedRegex(@"N?'([A-Z]+(?:_[A-Z]+)+)'")]
    private static partial Regex CodeWord();
}
