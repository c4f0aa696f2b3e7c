using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosSync.Connectors;
using PosSync.Connectors.Fec;
using PosSync.Connectors.Files;
using PosSync.Connectors.Http;
using PosSync.Connectors.Lightspeed;
using PosSync.Connectors.Pennylane;
using PosSync.Connectors.Xero;
using PosSync.Connectors.Recording;
using PosSync.Connectors.Square;
using PosSync.Pipeline.Stages;
using PosSync.Storage;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>Which stages a process runs. Each worker adds one; the embedded demo adds all three.</summary>
public static class PipelineRegistration
{
    public static IBusRegistrationConfigurator AddPosIngestStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PosIngestStage, StageDefinition<PosIngestStage>>();
        bus.AddConsumer<PosIngestFaultConsumer, StageFaultConsumerDefinition<PosIngestFaultConsumer>>();
        return bus;
    }

    public static IBusRegistrationConfigurator AddReconciliationStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReconciliationStage, StageDefinition<ReconciliationStage>>();
        bus.AddConsumer<ReconciliationFaultConsumer, StageFaultConsumerDefinition<ReconciliationFaultConsumer>>();
        return bus;
    }

    public static IBusRegistrationConfigurator AddAccountingExportStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AccountingExportStage, StageDefinition<AccountingExportStage>>();
        bus.AddConsumer<AccountingExportFaultConsumer, StageFaultConsumerDefinition<AccountingExportFaultConsumer>>();
        return bus;
    }

    public static IBusRegistrationConfigurator AddAllStages(this IBusRegistrationConfigurator bus) =>
        bus.AddPosIngestStage().AddReconciliationStage().AddAccountingExportStage();

    /// <summary>The stores, connectors and recorders the stages use, over one database.</summary>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services, Database database, FileConnectorOptions files,
        VendorOptions? vendors = null, SecretProtector? protector = null)
    {
        // Tests and tools that never keep credentials across processes may go with a throw-away key.
        services.AddSingleton(protector ?? new SecretProtector(SecretProtector.NewKey()));
        vendors ??= new VendorOptions();
        services.AddSingleton(vendors);
        services.AddHttpClient(LightspeedConnector.ConnectorName);
        services.AddHttpClient(PennylaneTarget.ConnectorName);
        services.AddHttpClient(SquareConnector.ConnectorName);
        services.AddHttpClient(XeroTarget.ConnectorName);
        services.AddSingleton<RateLimiters>();
        services.AddSingleton<OAuthTokens>();
        services.AddSingleton<ConsentFlow>();
        services.AddSingleton<VendorHttp>();
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<IssueStore>();
        services.AddSingleton<IPosConnector, LightspeedConnector>();
        services.AddSingleton<IPosConnector, SquareConnector>();
        services.AddSingleton<IAccountingTarget, PennylaneTarget>();
        services.AddSingleton<IAccountingTarget, XeroTarget>();
        services.AddSingleton<IAccountingTarget, FecTarget>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TransientRetry.Default);
        services.TryAddSingleton<Operations.IStageQueues, Operations.UnseenStageQueues>();
        services.AddSingleton(database);
        services.AddSingleton(files);
        services.AddSingleton<ConsumerStore>();
        services.AddSingleton<ConfigurationHistory>();
        services.AddSingleton<DayLedger>();
        services.AddSingleton<ExecutionLog>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<IPosConnector, FolderPosConnector>();
        services.AddSingleton<IAccountingTarget, JsonFileAccountingTarget>();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ExecutionRecorder>();
        services.AddSingleton<DuplicateDelivery>();
        services.AddSingleton<ConnectionFailures>();
        services.AddSingleton<ConnectorOutcomes>();
        services.AddSingleton<StageEntry>();
        services.AddSingleton<ConfigurationCache>();
        services.AddSingleton<Reconnection>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<DayArchive>();
        services.AddSingleton<EnablementLog>();
        services.AddSingleton<Operations.DayRunStarter>();
        services.AddSingleton<Operations.ConsumerStates>();
        services.AddSingleton<Operations.Scheduler>();
        services.AddSingleton<Operations.CredentialRenewal>();
        services.AddSingleton<Operations.OperatorRuns>();
        services.AddSingleton<Operations.ConsumerPage>();
        services.AddSingleton<Operations.Diagnosis>();
        services.AddSingleton<Operations.OrdersExport>();
        return services;
    }
}
