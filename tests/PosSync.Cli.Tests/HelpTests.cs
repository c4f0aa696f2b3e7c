using System.Text.RegularExpressions;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>Point 5 of issue 10: every command's --help, as printed, has an example and lists each option once.</summary>
public partial class HelpTests
{
    [Test]
    public async Task Every_commands_help_ends_with_an_example_of_itself_and_lists_each_option_once()
    {
        var seen = new List<string>();
        var problems = new List<string>();
        var waiting = new Queue<string[]>([[]]);
        while (waiting.TryDequeue(out var words))
        {
            var result = await Possync.RunAsync([.. words, "--help"]);
            var name = string.Join(" ", ["possync", .. words]);
            seen.Add(name);
            Assert.That(result.ExitCode, Is.Zero, $"{name} --help: {result.Errors}");
            var sections = Sections(result.Output);

            var examples = sections.GetValueOrDefault("Examples") ?? [];
            if (!examples.Any(e => e == name || e.StartsWith(name + " ", StringComparison.Ordinal)))
                problems.Add($"{name} --help has no example of {name}");
            var options = (sections.GetValueOrDefault("Options") ?? []).SelectMany(OptionNames).ToList();
            foreach (var twice in options.GroupBy(o => o).Where(g => g.Count() > 1))
                problems.Add($"{name} --help lists {twice.Key} {twice.Count()} times");

            foreach (var line in sections.GetValueOrDefault("Commands") ?? [])
                waiting.Enqueue([.. words, line.Split(' ')[0]]);
        }

        Assert.That(problems, Is.Empty);
        Assert.That(seen,
            Does.Contain("possync demo").And.Contain("possync consumers find").And.Contain(
                "possync executions show").And.Contain("possync errors redrive"),
            "the walk reached the commands and their subcommands");
    }

    /// <summary>The help's sections ("Options:", "Commands:", "Examples:"), each with its indented lines, trimmed.</summary>
    private static Dictionary<string, List<string>> Sections(string help)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in help.ReplaceLineEndings("\n").Split('\n'))
        {
            if (SectionTitle().Match(line) is { Success: true } title) sections[title.Groups[1].Value] = current = [];
            else if (line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0) current?.Add(line.Trim());
        }
        return sections;
    }

    /// <summary>"-?, -h, --help  Show help" gives -?, -h and --help; "--data <data>  The ..." gives --data.</summary>
    private static IEnumerable<string> OptionNames(string line) =>
        line.StartsWith('-') ? Regex.Split(line, @"\s{2,}")[0].Split(", ").Select(n => n.Split(' ')[0]) : [];

    [GeneratedRegex(@"^([A-Z][a-z]+):$")]
    private static partial Regex SectionTitle();
}
