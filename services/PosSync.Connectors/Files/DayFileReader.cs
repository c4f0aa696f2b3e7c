using System.Buffers;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Domain.Input;

namespace PosSync.Connectors.Files;

/// <summary>
/// Reads an exported day file through a pooled buffer: a worker reads days of much the same size one
/// after the other, and a new array each time would leave a copy of the day's JSON, up to 64 MiB,
/// for the collector while the day is mapped, archived and sent on.
/// </summary>
public static class DayFileReader
{
    public static async Task<Parsed<ServiceDay>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var length = checked((int)file.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            var read = await file.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);
            return ServiceDayReader.ReadJson(buffer.AsMemory(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
