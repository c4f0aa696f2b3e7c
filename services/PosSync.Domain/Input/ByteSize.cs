using System.Globalization;

namespace PosSync.Domain.Input;

/// <summary>
/// A file's size or a size limit, said one way everywhere: binary units with the exact byte count
/// ("47.7 MiB (50,000,000 bytes)"), so a file and its limit compare at a glance and a 50,000,000-byte
/// file is never called 64 MB.
/// </summary>
public static class ByteSize
{
    private const double Mebibyte = 1024 * 1024;
    private const double Kibibyte = 1024;

    public static string Describe(long bytes)
    {
        var exact = $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} byte{(bytes == 1 ? "" : "s")}";
        if (bytes >= Mebibyte) return $"{Units(bytes / Mebibyte)} MiB ({exact})";
        if (bytes >= Kibibyte) return $"{Units(bytes / Kibibyte)} KiB ({exact})";
        return exact;
    }

    /// <summary>One decimal, none when whole: 64 MiB, 47.7 MiB (the byte count beside it tells a file just over a limit from the limit).</summary>
    private static string Units(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
