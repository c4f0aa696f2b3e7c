using MassTransit;
using PosSync.Connectors;
using PosSync.Contracts;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// possync schedule: for every enabled consumer (or one), starts every due day (see
/// <see cref="SchedulingRules"/>). Disabled consumers are never run. Safe to run every few minutes
/// from a CronJob while workers run: a day already queued or running is not started twice. Each
/// pass first renews the credentials of idle connections before they die (<see cref="CredentialRenewal"/>).
/// For a POS whose orders may arrive late, booked days are read again (<see cref="RecheckRules"/>).
/// </summary>
public sealed class Scheduler(ConsumerStore consumers, ConsumerStates states, DayLedger ledger, ExecutionLog executions, DayRunStarter starter,
    CredentialRenewal renewal, IStageQueues queues, ConnectorRegistry connectors, TimeProvider clock)
{
    public async Task<ScheduleReport> RunAsync(
        IPublishEndpoint bus, string? consumerId, int lookbackDays, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var renewed = await renewal.RenewExpiringAsync(consumerId, cancellationToken);
        var ids = consumerId is not null ? [consumerId] : (await consumers.ListAsync(cancellationToken)).Select(c => c.ConsumerId).ToList();
        var days = new List<RequestedDay>();
        var passed = new List<PassedConsumer>();
        var now = clock.GetUtcNow();
        var drained = await queues.AreDrainedAsync(cancellationToken);
        var index = 0;
        foreach (var id in ids)
        {
            progress($"[{++index}/{ids.Count}] {id}");
            var state = await states.GetAsync(id, cancellationToken);
            if (!state.Enablement.IsEnabled)
            {
                passed.Add(new PassedConsumer(id, "not enabled: " + state.Enablement.Describe()));
                continue;
            }
            var to = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
            var from = state.Config.Settings.StartDate;
            var booked = await ledger.InRangeAsync(id, from, to, cancellationToken);
            var ran = await executions.InRangeAsync(id, from, to, cancellationToken);
            var lateOrders = state.Config.Pos is { } pos ? connectors.Pos(pos.Connector)?.LateOrders ?? TimeSpan.Zero : TimeSpan.Zero;
            var due = SchedulingRules.Due(state.Config, now, lookbackDays, booked, ran, drained)
                .Concat(RecheckRules.Due(state.Config, lateOrders, now, booked, ran));
            foreach (var day in due)
            {
                var run = new DayRun
                {
                    ExecutionId = NewId.NextGuid(), ConsumerId = id, LocationId = day.LocationId, BusinessDate = day.Date,
                    Trigger = day.Trigger, Attempt = day.Attempt,
                };
                var result = await starter.StartAsync(bus, run, cancellationToken, drained);
                days.Add(new RequestedDay(id, day.LocationId, day.Date, day.Trigger, day.Attempt, day.Why, result, run.ExecutionId));
            }
        }
        return new ScheduleReport(days, passed, renewed);
    }
}
