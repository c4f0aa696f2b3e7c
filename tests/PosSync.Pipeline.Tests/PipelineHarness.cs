using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Pipeline;
using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>One MassTransit test harness per test, running the real stages over a real SQLite world.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private PipelineHarness(ServiceProvider provider, TestWorld world)
    {
        _provider = provider;
        World = world;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public TestWorld World { get; }
    public ITestHarness Harness { get; }
    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Publishes the day's command and waits until its execution has ended.</summary>
    public async Task<ExecutionRecord> RunAsync(DayRun run, TimeSpan? limit = null)
    {
        await Harness.Bus.Publish(new SyncServiceDay { Run = run });
        return await WaitAsync(run, limit);
    }

    public async Task<ExecutionRecord> WaitAsync(DayRun run, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await World.Executions.GetAsync(run.ExecutionId, CancellationToken.None) is { IsFinished: true } done) return done;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the run of {run} did not end in time");
            await Task.Delay(50);
        }
    }

    public static async Task<PipelineHarness> StartAsync(Action<IBusRegistrationConfigurator>? stages = null, VendorOptions? vendors = null,
        TimeSpan? lockTimeout = null, TimeProvider? clock = null)
    {
        var world = await TestWorld.CreateAsync(lockTimeout);
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddPipelineServices(world.Database, world.Files, vendors, world.Protector);
        services.AddMassTransitTestHarness(bus =>
        {
            (stages ?? (b => b.AddAllStages()))(bus);
            // The messages written as the workers write them (the day in its canonical form).
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(MessageJson.Configure);
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new PipelineHarness(provider, world);
        harness.Harness.TestTimeout = TimeSpan.FromSeconds(20);
        // "Nothing more happened" only after 5 quiet seconds: on a loaded 2-core machine a stage's
        // SQLite writes can pause the bus longer than MassTransit's default inactivity window.
        harness.Harness.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await harness.Harness.Start();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        World.Dispose();
    }
}
