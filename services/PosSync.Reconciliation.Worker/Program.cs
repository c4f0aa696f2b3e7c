using PosSync.Pipeline;
using PosSync.ServiceDefaults;

return await WorkerHost.RunAsync(args, "possync-reconciliation", bus => bus.AddReconciliationStage());
