namespace PosSync.Deploy.Tests;

public static class Repository
{
    /// <summary>The clone's root: the folder holding PosSync.sln above the test's output.</summary>
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PosSync.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PosSync.sln not found above " + AppContext.BaseDirectory);
    }
}
