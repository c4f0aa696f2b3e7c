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
}
