using PosSync.Connectors;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// How a stage ends a day a connector call failed, the same way at every stage: a vendor quota
/// spent waits (the connection is fine, the scheduler starts the day again); any other failure ends
/// the run in error, a refused credential also flagging the connection (<see cref="ConnectionFailures"/>).
/// </summary>
public sealed class ConnectorOutcomes(ConnectionFailures connectionFailures)
{
    public async Task FinishAsync<TMessage>(StageDay<TMessage> day, ConnectorRole role, ConnectorFailure failure) where TMessage : class
    {
        if (failure.Kind == FailureKind.QuotaSpent)
        {
            await day.FinishAsync(ExecutionStatus.Waiting, failure.Code, failure.Message);
            return;
        }
        var message = await connectionFailures.RecordAsync(day.Config, role, failure, day.Cancel);
        await day.FinishAsync(ExecutionStatus.Error, failure.Code, message);
    }
}
