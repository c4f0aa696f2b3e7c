using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>Point 5 of issue 10: a value of the wrong type is one line naming the option and what it expects.</summary>
public class UsageErrorTests
{
    [TestCase("requests c-brasserie --status-code abc", "error: --status-code expects a whole number, not \"abc\"")]
    [TestCase("demo --transport carrier-pigeon", "error: --transport expects one of inmemory, rabbitmq, not \"carrier-pigeon\"")]
    [TestCase("demo --transport 7", "error: --transport expects one of inmemory, rabbitmq, not \"7\"")]
    [TestCase("executions list c-brasserie --limit lots", "error: --limit expects a whole number, not \"lots\"")]
    [TestCase(
        "schedule --once --lookback-days 99999999999",
        "error: --lookback-days expects a whole number up to 2,147,483,647, not \"99999999999\"")]
    public async Task A_wrong_option_type_prints_one_line_naming_the_option_and_what_it_expects_never_a_type_name_nor_the_help(
        string command,
        string expected)
    {
        var result = await Possync.RunAsync([.. command.Split(' '), "--data", Path.Combine(Path.GetTempPath(), "possync-never-made")]);

        Assert.That(result.ExitCode, Is.EqualTo(1), "a bad argument exits 1, like every other");
        Assert.That(result.Errors.TrimEnd(), Is.EqualTo(expected));
        Assert.That(result.Output, Is.Empty, "no help, no table");
        Assert.That(result.Errors, Does.Not.Contain("System.").And.Not.Contain("PosSync.").And.Not.Contain("Usage:"));
    }

    [TestCase("diagnose c-brasserie", "error: possync diagnose needs --day: the business day (yyyy-MM-dd)")]
    [TestCase(
        "consumers fnd cafe",
        "error: possync consumers has no command \"fnd\"; it has apply, find, show (possync consumers --help describes them)")]
    public async Task A_missing_option_or_an_unknown_word_is_one_line_saying_what_is_wanted(string command, string expected)
    {
        var result = await Possync.RunAsync(command.Split(' '));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors.TrimEnd(), Is.EqualTo(expected));
        Assert.That(result.Output, Is.Empty);
    }
}
