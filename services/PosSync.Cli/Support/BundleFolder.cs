using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Support;

/// <summary>The folder a support bundle goes to: made when missing, refused in one line when it is a file or cannot be written.</summary>
public static class BundleFolder
{
    public static string Prepare(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OperationRefusedException("--out must name a folder for the bundle.");
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new OperationRefusedException($"--out: {full} is a file; give a folder for the bundle.");
        try
        {
            Directory.CreateDirectory(full);
            // Found out now, not after half the files: a folder can exist and still refuse this user.
            var probe = Path.Combine(full, $".possync-write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperationRefusedException($"--out: cannot write in {full}: {e.Message}");
        }
    }
}
