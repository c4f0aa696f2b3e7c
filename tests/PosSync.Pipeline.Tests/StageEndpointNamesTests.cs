using MassTransit;
using PosSync.Pipeline.Stages;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// The stage classes were renamed (PosIngestConsumer → PosIngestStage); the queues kept their
/// names, which KEDA, the error-queue tools and operators republishing days rely on. The former
/// names are kept here as empty consumers, named by MassTransit's own formatter as they were.
/// </summary>
public class StageEndpointNamesTests
{
    [TestCase("")]
    [TestCase("demo-1a2b3c4d5")]
    [TestCase("bench-1a2b3c4d-pipeline")]
    public void Each_stage_queue_keeps_the_name_it_had_before_the_stages_were_renamed(string prefix)
    {
        var former = new KebabCaseEndpointNameFormatter(prefix, false);

        Assert.That(new StageEndpointNames(prefix).StageQueues(), Is.EqualTo(new[]
        {
            former.Consumer<Former.PosIngestConsumer>(),
            former.Consumer<Former.ReconciliationConsumer>(),
            former.Consumer<Former.AccountingExportConsumer>(),
        }));
    }

    [Test]
    public void Without_a_prefix_the_queues_are_those_the_deployment_names()
    {
        Assert.That(new StageEndpointNames("").StageQueues(), Is.EqualTo(new[] { "pos-ingest", "reconciliation", "accounting-export" }));
    }

    [Test]
    public void A_consumer_that_is_not_a_stage_is_named_as_MassTransit_names_it()
    {
        var names = new StageEndpointNames("x");
        var former = new KebabCaseEndpointNameFormatter("x", false);

        Assert.That(names.Consumer<PosIngestFaultConsumer>(), Is.EqualTo(former.Consumer<PosIngestFaultConsumer>()));
        Assert.That(names.Consumer<Former.AuditStage>(), Is.EqualTo(former.Consumer<Former.AuditStage>()),
            "a class merely ending in Stage keeps the word: only a day stage drops it");
    }

    private static class Former
    {
        public sealed class PosIngestConsumer : IConsumer<object>
        {
            public Task Consume(ConsumeContext<object> context) => Task.CompletedTask;
        }

        public sealed class ReconciliationConsumer : IConsumer<object>
        {
            public Task Consume(ConsumeContext<object> context) => Task.CompletedTask;
        }

        public sealed class AccountingExportConsumer : IConsumer<object>
        {
            public Task Consume(ConsumeContext<object> context) => Task.CompletedTask;
        }

        public sealed class AuditStage : IConsumer<object>
        {
            public Task Consume(ConsumeContext<object> context) => Task.CompletedTask;
        }
    }
}
