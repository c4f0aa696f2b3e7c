using PosSync.Domain.Input;

namespace PosSync.Cli.Support;

/// <summary>Reading a file a user named, and telling them plainly what is wrong with it.</summary>
public static class InputFiles
{
    /// <summary>The file's bytes, or null after saying on <paramref name="errors"/> why it cannot be read.</summary>
    public static byte[]? Read(FileInfo file, string what, TextWriter errors)
    {
        try
        {
            if (file.Exists && file.Length > InputDocument.MaxBytes)
            {
                errors.WriteLine($"error: the {what} file {file.Name} is {file.Length / (1024 * 1024)} MB; at most {InputDocument.MaxBytes / (1024 * 1024)} MB is accepted");
                return null;
            }
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot read the {what} file {file.Name}: {e.Message}");
            return null;
        }
    }

    public static void Report(TextWriter errors, string what, IReadOnlyList<string> problems)
    {
        errors.WriteLine($"error: {what} is not usable:");
        foreach (var problem in problems) errors.WriteLine($"  - {problem}");
    }
}
