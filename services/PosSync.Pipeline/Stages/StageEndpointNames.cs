using MassTransit;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Names queues as MassTransit's kebab-case formatter does, under the deployment's prefix, with one
/// addition: a stage (<see cref="DayStage{TMessage}"/>: PosIngestStage) names its queue without the
/// word "Stage" (pos-ingest), as the formatter drops "Consumer". The stage classes stopped being
/// called consumers, a word that means the client here; their queues, which KEDA, the error-queue
/// tools and operators republishing days know by name, kept theirs.
/// </summary>
public sealed class StageEndpointNames(string prefix) : KebabCaseEndpointNameFormatter(prefix, false)
{
    private const string StageWord = "Stage";

    /// <summary>The three stages' queues, in the order a day goes through them.</summary>
    public IReadOnlyList<string> StageQueues() =>
        [Consumer<PosIngestStage>(), Consumer<ReconciliationStage>(), Consumer<AccountingExportStage>()];

    protected override string GetConsumerName(Type type) =>
        IsStage(type) && type.Name.EndsWith(StageWord, StringComparison.Ordinal)
            ? SanitizeName(FormatName(type)[..^StageWord.Length])
            : base.GetConsumerName(type);

    private static bool IsStage(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DayStage<>)) return true;
        return false;
    }
}
