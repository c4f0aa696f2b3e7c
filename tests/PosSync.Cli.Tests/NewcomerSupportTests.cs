using PosSync.Cli.Demo;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// Point 5 of issue 10, the support commands as a newcomer tries them after <c>possync demo</c>:
/// on the demo's week, reading what the commands print.
/// </summary>
public class NewcomerSupportTests
{
    private static string _folder = null!;
    private static string _demoOutput = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoWeek()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-newcomer-" + Guid.NewGuid().ToString("N"));
        // What possync demo prints is what it writes here: the command passes standard output.
        var output = new StringWriter();
        var report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), output, CancellationToken.None);
        _demoOutput = output.ToString();
        Assert.That(report.ExitCode, Is.Zero, _demoOutput);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Task<CliResult> OnTheDemosData(params string[] args) => Possync.RunAsync([.. args, "--data", _folder]);

    [Test]
    public async Task Consumers_find_cafe_finds_Café_Le_Zinc_whatever_the_case_and_accents_typed()
    {
        foreach (var typed in new[] { "cafe", "CAFÉ le", "le zinc", "LEZINC.example" })
        {
            var result = await OnTheDemosData("consumers", "find", typed);

            Assert.That(result.ExitCode, Is.Zero, result.Errors);
            Assert.That(result.Output, Does.Match(@"c-zinc\s+Café Le Zinc\s+patron@lezinc.example"), typed);
            Assert.That(result.Output, Does.Not.Contain("c-brasserie").And.Not.Contain("c-boulangerie"), typed);
        }
    }

    [Test]
    public async Task Executions_show_latest_shows_the_latest_run_of_a_consumer_day_and_location_without_copying_an_id_and_says_so_in_one_line_when_there_is_none()
    {
        var mismatch = await OnTheDemosData("executions", "show", "--latest", "c-brasserie", "--day", "2025-03-13", "--location", "1001");
        var lastOfZinc = await OnTheDemosData("executions", "show", "--latest", "c-zinc");
        var none = await OnTheDemosData("executions", "show", "--latest", "c-brasserie", "--day", "2025-03-20");

        Assert.That(mismatch.ExitCode, Is.Zero, mismatch.Errors);
        Assert.That(mismatch.Output, Does.Match(@"^Execution [0-9a-f-]{36}: c-brasserie 1001 2025-03-13, manual, attempt 1\n"));
        Assert.That(mismatch.Output, Does.Contain("Status error SUM_MISMATCH").And.Contain("possible unrecorded tip"));
        Assert.That(lastOfZinc.Output, Does.Contain(": c-zinc 3001 2025-03-16").And.Contain("Status error POS_AUTH"));
        Assert.That(none.ExitCode, Is.EqualTo(1));
        Assert.That(none.Errors, Is.EqualTo("error: No execution of c-brasserie for 2025-03-20 yet." + Environment.NewLine));
        Assert.That(none.Output, Is.Empty);
    }

    [Test]
    public async Task The_demo_table_keeps_each_code_and_the_hint_possible_unrecorded_tip_and_ends_with_support_commands_that_work()
    {
        var table = _demoOutput[_demoOutput.IndexOf("consumer       location", StringComparison.Ordinal)..];

        Assert.That(table, Does.Match(@"c-brasserie\s+1001\s+2025-03-13\s+error\s+SUM_MISMATCH The sum of all lines does not match"));
        Assert.That(table, Does.Contain("payments 208.70: possible unrecorded tip)."), "the hint is whole, on one line");
        Assert.That(table, Does.Contain("(a token sees only what its user sees))."), "the end of the longest message is kept");
        Assert.That(table, Does.Not.Contain("…"), "nothing cut");

        var next = _demoOutput[_demoOutput.IndexOf("Now try what support would run", StringComparison.Ordinal)..];
        var commands = next.Split('\n').Select(l => l.Trim())
            .Where(l => l.Contains("possync "))
            .Select(l => l[l.IndexOf("possync ", StringComparison.Ordinal)..])
            .ToList();
        Assert.That(commands, Does.Contain($"possync consumers show c-zinc --data {_folder}"));
        Assert.That(commands, Does.Contain($"possync diagnose c-brasserie --day 2025-03-13 --location 1001 --data {_folder}"), "the mismatched day");
        Assert.That(commands, Has.Some.StartsWith("possync preview --config "));
        string[] readOnly = ["possync consumers", "possync diagnose", "possync executions"];
        foreach (var command in commands.Where(c => readOnly.Any(start => c.StartsWith(start, StringComparison.Ordinal))))
        {
            var result = await Possync.RunAsync(command.Split(' ')[1..]);
            Assert.That(result.ExitCode, Is.Zero, $"{command}: {result.Errors}");
        }
    }
}
