using PosSync.Pipeline;
using PosSync.ServiceDefaults;

return await WorkerHost.RunAsync(args, "possync-accounting-export", bus => bus.AddAccountingExportStage());
