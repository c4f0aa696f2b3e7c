namespace PosSync.Pipeline.Operations;

public enum StartResult { Started, AlreadyRunning }
