using System.Globalization;

namespace PosSync.Cli.Support;

/// <summary>
/// How far a batch of day runs is, for people: done, failed, rate and time left. On a terminal it
/// is one line redrawn in place (a carriage return and padding: no escape sequence); in a log (a
/// CronJob's, a file, a pipe) it is a plain line at most once a second, and only when the count
/// moved, so a long back-fill stays readable.
/// </summary>
public sealed class ProgressLine(TextWriter writer, bool terminal, int total)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(1);
    private TimeSpan? _loggedAt;
    private int _loggedDone = -1;
    private int _drawnLength;

    /// <summary>A terminal when the writer is the console's and that stream is not redirected.</summary>
    public static ProgressLine For(TextWriter writer, int total)
    {
        var terminal = (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected)
                       || (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
        return new ProgressLine(writer, terminal, total);
    }

    public void Report(int done, int failed, TimeSpan elapsed, bool last)
    {
        var text = Describe(done, failed, elapsed);
        if (terminal)
        {
            // Padded over the previous drawing, which may have been longer.
            writer.Write("\r" + text.PadRight(_drawnLength));
            _drawnLength = text.Length;
            if (last) writer.WriteLine();
            writer.Flush();
            return;
        }
        if (done == _loggedDone && !last) return;
        if (!last && _loggedAt is { } at && elapsed - at < LogEvery) return;
        if (last && done == _loggedDone) return;
        writer.WriteLine(text);
        (_loggedDone, _loggedAt) = (done, elapsed);
    }

    public string Describe(int done, int failed, TimeSpan elapsed)
    {
        var text = $"  {done}/{total} days done, {failed} failed";
        if (done == 0 || elapsed <= TimeSpan.Zero) return text;
        var rate = done / elapsed.TotalSeconds;
        text += string.Create(CultureInfo.InvariantCulture, $", {rate:0.0} days/s");
        return done < total ? text + $", about {Left(TimeSpan.FromSeconds((total - done) / rate))} left" : text + $" in {Left(elapsed)}";
    }

    private static string Left(TimeSpan time) => time.TotalSeconds < 60
        ? $"{Math.Ceiling(time.TotalSeconds):0} s"
        : time.TotalMinutes < 60 ? $"{(int)time.TotalMinutes} min {time.Seconds:00} s" : $"{(int)time.TotalHours} h {time.Minutes:00} min";
}
