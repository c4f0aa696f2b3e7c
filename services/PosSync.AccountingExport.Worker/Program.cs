using PosSync.Pipeline;
using PosSync.ServiceDefaults;

var app = WorkerHost.Build(args, "possync-accounting-export", bus => bus.AddAccountingExportStage());
await app.RunAsync();
