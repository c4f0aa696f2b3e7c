using Dapper;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Storage.Tests;

/// <summary>The stored words of a run's trigger: SQL views and support read them, so they never change; code reads the type.</summary>
public class TriggerWordsTests
{
    [Test]
    public void Each_trigger_keeps_its_stored_word()
    {
        Assert.That(Enum.GetValues<DayTrigger>().Select(t => t.Word()), Is.EqualTo(new[] { "schedule", "manual", "retry", "reimport", "recheck" }));
        Assert.That(Enum.GetValues<DayTrigger>().Select(t => TriggerWords.Parse(t.Word())), Is.EqualTo(Enum.GetValues<DayTrigger>()));
    }

    [Test]
    public async Task A_run_reads_back_with_the_trigger_it_started_with_and_a_word_that_is_none_is_said_as_such()
    {
        using var test = await TestDatabase.CreateAsync(StorageEngine.Sqlite, "trigger-words");
        var log = new ExecutionLog(test.Database, TimeProvider.System);
        var run = TestWorld.Run("c-trigger", "2025-03-14", trigger: DayTrigger.Recheck);
        await log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);

        var read = await log.GetAsync(run.ExecutionId, CancellationToken.None);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT trigger FROM executions"), Is.EqualTo("recheck"));
            await connection.ExecuteAsync("UPDATE executions SET trigger = 'later'");
        }

        Assert.That(read!.Trigger, Is.EqualTo(DayTrigger.Recheck));
        Assert.That(() => log.GetAsync(run.ExecutionId, CancellationToken.None),
            Throws.Exception.With.Property("InnerException").With.Message.StartsWith("\"later\" is not a run trigger"));
    }
}
