using Microsoft.Extensions.Configuration;
using PosSync.Storage;

namespace PosSync.ServiceDefaults;

/// <summary>
/// The key that encrypts stored credentials: Secrets:Key (base64, 32 bytes) from the environment
/// or a secret store. The embedded default keeps one in the data folder, made on first use and
/// readable by its owner only; SQL Server (production) must be given one, so every replica shares it.
/// </summary>
public static class SecretKeys
{
    public const string Setting = "Secrets:Key";
    public const string FileName = "secrets.key";

    public static SecretProtector Resolve(IConfiguration configuration, StorageOptions storage)
    {
        if (configuration[Setting] is { Length: > 0 } configured)
        {
            try
            {
                return new SecretProtector(Convert.FromBase64String(configured));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new PosSyncConfigurationException($"{Setting} must be 32 random bytes in base64 (openssl rand -base64 32).");
            }
        }
        if (storage.Engine == StorageEngine.SqlServer)
            throw new PosSyncConfigurationException($"{Setting} must be set when Storage:Engine is SqlServer: every replica must encrypt " +
                "credentials with the same key (openssl rand -base64 32).");

        var path = Path.Combine(storage.EnsureDataDirectory(), FileName);
        if (!File.Exists(path))
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(SecretProtector.NewKey())));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the same data folder made it first: use theirs.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PosSyncConfigurationException($"the key file {Path.GetFullPath(path)} cannot be created: {e.Message}", e);
            }
        }
        try
        {
            return new SecretProtector(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            throw new PosSyncConfigurationException($"the key file {Path.GetFullPath(path)} cannot be read as 32 bytes in base64: {e.Message}", e);
        }
    }
}
