using PosSync.Pipeline;
using PosSync.ServiceDefaults;

var app = WorkerHost.Build(args, "possync-pos-ingest", bus => bus.AddPosIngestStage());
await app.RunAsync();
