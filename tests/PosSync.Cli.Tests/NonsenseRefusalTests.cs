using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>Point 5 of issue 10: what makes no sense is refused in one line instead of answered with an empty table.</summary>
public class NonsenseRefusalTests
{
    private const string Backwards = "--from 2025-03-16 --to 2025-03-10";
    private const string BackwardsRefused = "error: --from 2025-03-16 is after --to 2025-03-10: give the first day, then the last.";

    [TestCase("executions list c-brasserie " + Backwards, BackwardsRefused)]
    [TestCase("retry c-brasserie " + Backwards, BackwardsRefused)]
    [TestCase("reimport c-brasserie " + Backwards, BackwardsRefused)]
    [TestCase("executions list c-brasserie --limit 0", "error: --limit must be at least 1, not 0.")]
    [TestCase("requests c-brasserie --limit -5", "error: --limit must be at least 1, not -5.")]
    [TestCase("errors redrive --queue accounting-export --limit 0", "error: --limit must be at least 1, not 0.")]
    [TestCase("bench booking --orders 0", "error: --orders must be at least 1, not 0.")]
    [TestCase("requests c-brasserie --status-code 42", "error: --status-code must be an HTTP status code from 100 to 599, such as 401, not 42.")]
    [TestCase("requests c-brasserie --status-code 600", "error: --status-code must be an HTTP status code from 100 to 599, such as 401, not 600.")]
    public async Task A_range_that_ends_before_it_starts_a_limit_of_zero_or_less_and_a_status_code_outside_100_to_599_are_refused_in_one_line(
        string command,
        string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-refusals-" + Guid.NewGuid().ToString("N"));

        var result = await Possync.RunAsync([.. command.Split(' '), "--data", folder]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors.TrimEnd(), Is.EqualTo(expected));
        Assert.That(result.Output, Is.Empty, "no empty table");
        Assert.That(Directory.Exists(folder), Is.False, "refused before touching any data");
    }
}
