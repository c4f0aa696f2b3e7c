using PosSync.Pipeline;
using PosSync.ServiceDefaults;

var app = WorkerHost.Build(args, "possync-reconciliation", bus => bus.AddReconciliationStage());
await app.RunAsync();
