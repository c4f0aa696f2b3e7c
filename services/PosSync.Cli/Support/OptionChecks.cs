using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Support;

/// <summary>
/// Values of the right type that still make no sense (a range that ends before it starts, at most
/// zero rows, a status no HTTP server answers): refused in one line, because the empty table they
/// would give reads as "nothing happened", which is not what the user asked.
/// </summary>
public static class OptionChecks
{
    public const int LowestStatusCode = 100;
    public const int HighestStatusCode = 599;

    /// <summary>--from and --to as business days, either may be absent; --from after --to is refused.</summary>
    public static (DateOnly? From, DateOnly? To) DayRange(string? from, string? to)
    {
        var first = CliServices.ParseDate(from, "--from");
        var last = CliServices.ParseDate(to, "--to");
        if (first > last)
            throw new OperationRefusedException($"--from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}: give the first day, then the last.");
        return (first, last);
    }

    /// <summary>At most this many rows: at least 1, and no more than the command ever shows.</summary>
    public static int Limit(int value, int highest)
    {
        if (value < 1) throw new OperationRefusedException($"--limit must be at least 1, not {value}.");
        return Math.Min(value, highest);
    }

    public static int? StatusCode(int? code)
    {
        if (code is < LowestStatusCode or > HighestStatusCode)
            throw new OperationRefusedException($"--status-code must be an HTTP status code from {LowestStatusCode} to " +
                $"{HighestStatusCode}, such as 401, not {code}.");
        return code;
    }
}
