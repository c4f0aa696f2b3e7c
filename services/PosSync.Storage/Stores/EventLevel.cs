namespace PosSync.Storage.Stores;

public static class EventLevel
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
}
