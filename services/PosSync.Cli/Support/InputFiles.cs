using PosSync.Domain.Configuration;
using PosSync.Domain.Input;

namespace PosSync.Cli.Support;

/// <summary>Reading a file a user named, and telling them plainly — and truly — what is wrong with it.</summary>
public static class InputFiles
{
    /// <summary>The file's bytes, or null after saying on <paramref name="errors"/> why it cannot be read.</summary>
    /// <param name="limitPhrase">What follows the file's name when it is larger than <paramref name="maxBytes"/>, e.g. "is 47.7 MiB (…); at
    /// most 4 MiB (…) is accepted for a configuration".</param>
    public static byte[]? Read(FileInfo file, string what, long maxBytes, Func<long, string> limitPhrase, TextWriter errors)
    {
        // A folder is not "access denied" (what reading it as a file throws): say what it is.
        if (Directory.Exists(file.FullName))
        {
            errors.WriteLine($"error: {file.FullName} is a folder, not a {what} file");
            return null;
        }
        if (!file.Exists)
        {
            errors.WriteLine($"error: cannot read the {what} file {file.Name}: {file.FullName} does not exist");
            return null;
        }
        if (file.Length > maxBytes)
        {
            errors.WriteLine($"error: the {what} file {file.Name} {limitPhrase(file.Length)}");
            return null;
        }
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot read the {what} file {file.Name}: permission denied");
            return null;
        }
        catch (IOException e)
        {
            errors.WriteLine($"error: cannot read the {what} file {file.Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>A day or any other input, under the general limit of <see cref="InputDocument.MaxBytes"/>.</summary>
    public static byte[]? Read(FileInfo file, string what, TextWriter errors) =>
        Read(file, what, InputDocument.MaxBytes,
            bytes => $"is {ByteSize.Describe(bytes)}; at most {ByteSize.Describe(InputDocument.MaxBytes)} is accepted", errors);

    /// <summary>A consumer configuration, under <see cref="ConfigurationLimits.MaxFileBytes"/>.</summary>
    public static byte[]? ReadConfiguration(FileInfo file, TextWriter errors) =>
        Read(file, "configuration", ConfigurationLimits.MaxFileBytes, ConfigurationLimits.FileTooLarge, errors);

    /// <summary>One problem on one line; several as a list under one heading.</summary>
    public static void Report(TextWriter errors, string what, IReadOnlyList<string> problems)
    {
        if (problems.Count == 1)
        {
            errors.WriteLine($"error: {what} is not usable: {problems[0]}");
            return;
        }
        errors.WriteLine($"error: {what} is not usable:");
        foreach (var problem in problems) errors.WriteLine($"  - {problem}");
    }
}
