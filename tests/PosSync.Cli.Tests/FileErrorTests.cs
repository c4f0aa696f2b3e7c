using System.Text.Json.Nodes;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>Point 5 of issue 10: what possync says about a file is true, and a configuration has documented bounds.</summary>
public class FileErrorTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-files-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<CliResult> Apply(string path) => Possync.RunAsync("consumers", "apply", "-f", path, "--data", Path.Combine(_folder, "data"));

    [Test]
    public async Task A_50_000_000_byte_file_is_said_to_be_47_7_MiB_against_the_limit_in_the_same_units()
    {
        var path = Path.Combine(_folder, "huge.yaml");
        // Bytes that are not UTF-8 once made a 50,000,000-byte file "larger than 64 MB".
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)0xFF, 50_000_000).ToArray());

        var result = await Apply(path);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(
            result.Errors,
            Is.EqualTo(
                "error: the configuration file huge.yaml is 47.7 MiB (50,000,000 bytes); at most 4 MiB (4,194,304 bytes) "
                + "is accepted for a configuration"
                + Environment.NewLine));
    }

    [Test]
    public async Task Preview_given_a_folder_for_its_day_says_it_is_a_folder_not_access_denied()
    {
        var days = Directory.CreateDirectory(Path.Combine(_folder, "days")).FullName;

        var result = await Possync.RunAsync("preview", "--config", Write("c.json", ReferenceConfiguration.Json()), "--day", days);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Is.EqualTo($"error: {days} is a folder, not a day file" + Environment.NewLine));
    }

    [TestCase("categories", 10_001, "mappings.categories has 10,001 entries; at most 10,000 are accepted")]
    [TestCase("payment_methods", 10_001, "mappings.payment_methods has 10,001 entries; at most 10,000 are accepted")]
    [TestCase("locations", 5_001, "locations has 5,001 locations; at most 5,000 are accepted")]
    public async Task A_configuration_past_a_documented_bound_is_refused_in_one_line_naming_the_limit(string list, int count, string expected)
    {
        var refused = await Apply(Write("c.json", Sized(list, count)));
        var atTheLimit = await Apply(Write("c.json", Sized(list, count - 1)));

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Errors, Is.EqualTo($"error: the configuration c.json is not usable: {expected}" + Environment.NewLine));
        Assert.That(atTheLimit.ExitCode, Is.Zero, "the limits are generous: exactly at them is accepted. " + atTheLimit.Errors);
    }

    [Test]
    public async Task A_configuration_file_over_4_MiB_is_refused_before_it_is_read()
    {
        // Valid JSON, only padded: the size alone is refused.
        var json = ReferenceConfiguration.Json();
        var path = Write("padded.json", json + new string(' ', 5_000_000 - json.Length));

        var result = await Apply(path);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(
            result.Errors,
            Is.EqualTo(
                "error: the configuration file padded.json is 4.8 MiB (5,000,000 bytes); at most 4 MiB (4,194,304 bytes) "
                + "is accepted for a configuration"
                + Environment.NewLine));
    }

    /// <summary>The reference configuration with <paramref name="count"/> locations, or mapped categories or payment methods.</summary>
    private static string Sized(string list, int count) => ReferenceConfiguration.Json(c =>
    {
        if (list == "locations")
        {
            var locations = new JsonArray();
            for (var i = 0; i < count; i++)
                locations.Add(new JsonObject { ["id"] = $"loc-{i}", ["name"] = $"Shop {i}", ["timezone"] = "Europe/Paris" });
            c["locations"] = locations;
            return;
        }
        var map = c["mappings"]![list]!.AsObject();
        for (var i = map.Count; i < count; i++) map[$"{list}-{i}"] = "706100";
    });
}
