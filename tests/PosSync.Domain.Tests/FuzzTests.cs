using System.Diagnostics;
using System.Text;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Preview;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>Mutated inputs must end in a result or a clear refusal: never an exception, never a hang.</summary>
public class FuzzTests
{
    private static readonly string[] Tokens =
        [
            "NaN", "-1", "1e400", "0.0001", "\"\"", "null", "[]", "{}", "true", "\"\\u0000\"",
            "99999999999999999999999", "\"O-101\"", "-0", "\"2025-02-30\""];

    [Test, CancelAfter(120_000)]
    public void Thousands_of_mutated_days_never_crash_the_reader_or_the_engine()
    {
        var config = ReferenceConfiguration.Load();
        var seeds = Enumerable.Range(0, 20).Select(s => ServiceDayWriter.Write(new RandomDays(s).Next(orderCount: 5))).ToArray();
        var random = new Random(1234);
        var refused = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            var text = Mutate(seeds[i % seeds.Length], random);
            var parsed = ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(text));
            if (!parsed.IsValid)
            {
                refused++;
                Assert.That(parsed.Problems, Is.Not.Empty.And.All.Not.Empty, text);
                continue;
            }
            var outcome = DayPreview.Run(config, parsed.Value!);
            Assert.That(outcome, Is.Not.Null);
        }
        Assert.That(refused, Is.GreaterThan(1000), "most mutations must be refused with a problem");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(100)), "no mutation may make a parse hang");
    }

    [Test, CancelAfter(120_000)]
    public void Thousands_of_mutated_configurations_in_JSON_and_YAML_never_crash_the_reader()
    {
        var json = ReferenceConfiguration.Json();
        var random = new Random(99);
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(json, random);
            var name = i % 2 == 0 ? "c.json" : "c.yaml";
            var parsed = ConsumerConfigurationReader.ReadFile(name, Encoding.UTF8.GetBytes(text));
            Assert.That(parsed.IsValid || parsed.Problems.Count > 0, Is.True, text);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var m = random.Next(1, 4); m > 0 && builder.Length > 2; m--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0: builder[at] = (char)random.Next(0, 128); break;
                case 1: builder.Remove(at, Math.Min(random.Next(1, 20), builder.Length - at)); break;
                case 2: builder.Insert(at, Tokens[random.Next(Tokens.Length)]); break;
                case 3: builder.Insert(at, builder.ToString(at, Math.Min(random.Next(1, 40), builder.Length - at))); break;
                default:
                    // Replace a number with a hostile token, so the field checks meet it rather than the JSON parser.
                    var digit = builder.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0) { builder.Remove(digit, 1); builder.Insert(digit, Tokens[random.Next(Tokens.Length)]); }
                    break;
            }
        }
        return builder.ToString();
    }
}
