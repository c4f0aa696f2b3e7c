using System.Text.Json;
using PosSync.Storage.Stores;

namespace PosSync.Storage.Tests;

/// <summary>The stored words of the execution status: SQL views, dashboards and support read them, so they never change.</summary>
public class ExecutionStatusTests
{
    [Test]
    public void Each_status_keeps_its_stored_word()
    {
        Assert.That(ExecutionStatus.All.Select(s => s.Word), Is.EqualTo(new[] { "running", "success", "warning", "error", "waiting", "skipped" }));
    }

    [Test]
    public void A_status_reads_as_its_word_in_text_and_JSON_and_back()
    {
        var counts = new Dictionary<ExecutionStatus, int> { [ExecutionStatus.Waiting] = 2 };

        Assert.That($"ended {ExecutionStatus.Error}", Is.EqualTo("ended error"));
        Assert.That(
            JsonSerializer.Serialize(new { status = ExecutionStatus.Skipped, counts }),
            Is.EqualTo("{\"status\":\"skipped\",\"counts\":{\"waiting\":2}}"));
        Assert.That(JsonSerializer.Deserialize<ExecutionStatus>("\"warning\""), Is.EqualTo(ExecutionStatus.Warning));
    }

    [Test]
    public void A_word_that_is_no_status_is_said_as_such()
    {
        Assert.That(ExecutionStatus.Find("done"), Is.Null);
        Assert.That(
            () => ExecutionStatus.Parse("done"),
            Throws.TypeOf<FormatException>().With.Message.StartsWith("\"done\" is not an execution status"));
    }
}
