using PosSync.Pipeline;
using PosSync.ServiceDefaults;

return await WorkerHost.RunAsync(args, "possync-pos-ingest", bus => bus.AddPosIngestStage());
