using System.Text.Json;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>The benchmarks' machine-readable answers: what a script or the README's figures are read from.</summary>
public class BenchCommandTests
{
    private static readonly Dictionary<string, string> InMemory = new() { ["Messaging__Transport"] = "InMemory" };

    [Test]
    public async Task The_pipeline_benchmark_prints_one_JSON_object_with_its_ratios_and_the_statements_of_each_stage()
    {
        var result = await Possync.RunAsync(TimeSpan.FromMinutes(3), InMemory, null, "bench", "pipeline", "--days", "3", "--orders", "20", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.That(root.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(root.GetProperty("ratio").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("latency_ratio").GetDouble(), Is.GreaterThan(0));
        var stages = root.GetProperty("statements_per_stage");
        Assert.That(stages.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "ingest", "reconcile", "export" }));
        foreach (var stage in stages.EnumerateObject()) Assert.That(stage.Value.GetDouble(), Is.GreaterThan(0), stage.Name);
        Assert.That(root.GetProperty("transport").GetString(), Is.EqualTo("InMemory"));
    }

    [Test]
    public async Task The_pipeline_benchmark_says_where_one_days_time_went_hop_by_hop_on_both_sides()
    {
        var result = await Possync.RunAsync(TimeSpan.FromMinutes(3), InMemory, null, "bench", "pipeline", "--days", "2", "--orders", "20",
            "--rounds", "1", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        using var json = JsonDocument.Parse(result.Output);
        var hops = json.RootElement.GetProperty("one_day_hops_ms");
        foreach (var side in new[] { "pipeline", "floor" })
        {
            var sideHops = hops.GetProperty(side);
            Assert.That(sideHops.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "ingest", "reconcile", "export", "finish" }), side);
            foreach (var hop in sideHops.EnumerateObject())
            {
                Assert.That(hop.Value.GetProperty("waiting").GetDouble(), Is.GreaterThanOrEqualTo(0), $"{side} {hop.Name}");
                // Every hop's endpoint took the day: a clock that never ran would say 0.
                Assert.That(hop.Value.GetProperty("in_endpoint").GetDouble(), Is.GreaterThan(0), $"{side} {hop.Name}");
            }
        }
        // Only the stages touch the database, and each of them does for every day.
        foreach (var stage in new[] { "ingest", "reconcile", "export" })
            Assert.That(hops.GetProperty("pipeline").GetProperty(stage).GetProperty("database").GetDouble(), Is.GreaterThan(0), stage);
        Assert.That(hops.GetProperty("floor").GetProperty("ingest").TryGetProperty("database", out _), Is.False);
    }

    [Test]
    public async Task The_pipeline_benchmark_leaves_no_folder_behind()
    {
        // A temporary folder of the test's own, so another run's benchmark on this machine is not counted.
        var temporary = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "possync-bench-test-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var environment = new Dictionary<string, string>(InMemory) { ["TMPDIR"] = temporary };
            var result = await Possync.RunAsync(TimeSpan.FromMinutes(3), environment, null,
                "bench", "pipeline", "--days", "2", "--orders", "5", "--rounds", "1");

            Assert.That(result.ExitCode, Is.Zero, result.Errors);
            Assert.That(result.Output, Does.Match(@"ratio pipeline/floor:\s+[\d.]+"));
            Assert.That(Directory.GetDirectories(temporary, "possync-bench-*"), Is.Empty, "the temporary SQLite file and day folders are deleted");
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    [Test]
    public async Task The_booking_benchmark_prints_its_ratio_as_JSON()
    {
        var result = await Possync.RunAsync("bench", "booking", "--orders", "100", "--seconds", "0.2", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("ratio").GetDouble(), Is.GreaterThan(0));
    }

    [TestCase("--days", "0")]
    [TestCase("--orders", "0")]
    [TestCase("--rounds", "0")]
    public async Task The_pipeline_benchmark_refuses_nothing_to_measure(string option, string value)
    {
        var result = await Possync.RunAsync("bench", "pipeline", option, value);

        Assert.That((result.ExitCode, result.Errors.Trim()), Is.EqualTo((1, $"error: {option} must be at least 1, not 0.")));
    }
}
