using System.Globalization;
using PosSync.Connectors.Files;
using PosSync.Connectors.Recording;
using PosSync.Contracts;
using PosSync.Domain.Configuration;

namespace PosSync.Connectors.Fec;

/// <summary>
/// The POS sales journal as an FEC-format import file for the accountant's software (not the legal
/// FEC, which holds every journal): one file per consumer and fiscal year, appended day by day in
/// validation order, each day once. A re-post of a day already in the file is recognised; a day that
/// must be replaced is reversed by a mirror entry (a FEC is never rewritten backwards), then the
/// new entry is appended. Each entry gets the next EcritureNum of its journal in the file.
/// </summary>
public sealed class FecTarget(FileConnectorOptions options, RequestRecorder recorder, TimeProvider clock) : IAccountingTarget
{
    public const string ConnectorName = "fec";
    private const string IdPrefix = "fec:";
    private const string DefaultJournalCode = "CA";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public string Name => ConnectorName;

    public Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken)
    {
        var file = FilePath(context, entry.Date);
        var url = file.Path.Length == 0 ? "fec:" : new Uri(Path.GetFullPath(file.Path)).AbsoluteUri;
        return recorder.CallAsync(context, Name, "append-entry", "WRITE", url, () =>
        {
            if ((file.Problem ?? NoRateSource(context,
                entry)) is { } problem) return Task.FromResult(ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                problem)));
            return WithFileAsync(file.Path, lines =>
            {
                var existing = lines.Where(l => l.PieceRef == entry.Number).ToList();
                if (existing.Count > 0)
                {
                    // Compared in the day's own currency: a re-post is the same day even if the rates file changed since.
                    var same = (existing[0].Idevise ?? "EUR") == entry.Currency
                        && Key(existing.Select(InEntryCurrency)).SequenceEqual(Key(entry.Lines.Select(l => (l.Account, l.Debit, l.Credit))));
                    return (same
                        ? ConnectorResult<PostedEntry>.Ok(new PostedEntry(Id(file.Path, existing[0].EcritureNum), AlreadyExisted: true))
                        : ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                            $"The FEC file already holds an entry {entry.Number} with different lines; a FEC is never rewritten.")), []);
                }
                // The rates file is read only for a day that will be written, under the lock, so a re-post never needs it.
                var (amounts, refused) = Amounts(context, entry);
                if (refused is not null) return (ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, refused)), []);
                // JournalCode may not be blank (A47 VII 1°) but settings.journal is optional: the cash journal's usual code then.
                var journal = entry.Journal.Length > 0 ? entry.Journal : DefaultJournalCode;
                var number = NextNumber(lines, journal);
                var validDate = ValidDate(context, entry.Date, lines);
                var journalLabel = context.Option(ConnectorOptions.JournalLabel) ?? "Caisse";
                var added = entry.Lines.Zip(amounts!).Select(l => (Line: l.First, Amounts: l.Second, Label: FecLabels.For(l.First)))
                    .Select(l => new FecLine(journal, journalLabel, number, entry.Date, l.Line.Account, FecAccountLabels.For(l.Line.Account, l.Label),
                        entry.Number, entry.Date, l.Label, l.Amounts.Debit, l.Amounts.Credit, validDate, l.Amounts.Montantdevise,
                            l.Amounts.Idevise)).ToList();
                return (ConnectorResult<PostedEntry>.Ok(new PostedEntry(Id(file.Path, number), AlreadyExisted: false)), added);
            }, cancellationToken);
        }, cancellationToken);
    }

    public Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken)
    {
        var parts = accountingId.StartsWith(IdPrefix, StringComparison.Ordinal) ? accountingId[IdPrefix.Length..].Split('#') : [];
        // An id booked before the rename names the old file; the entry now lives under the current name.
        var path = parts.Length == 2 ? Path.Combine(options.FecFolder, context.ConsumerId, FecFileName.Current(Path.GetFileName(parts[0]))) : "";
        return recorder.CallAsync(context, Name, "reverse-entry", "WRITE", path.Length == 0 ? "fec:"
            : new Uri(Path.GetFullPath(path)).AbsoluteUri, () =>
        {
            if (parts.Length != 2 || !(File.Exists(path) || LegacyPath(path) is { } legacy && File.Exists(legacy)))
                return Task.FromResult(ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                    $"No FEC entry {accountingId} to reverse.")));
            return WithFileAsync(path, lines =>
            {
                var original = lines.Where(l => l.EcritureNum == parts[1]).ToList();
                if (original.Count == 0)
                    return (ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                        $"The FEC file holds no entry {parts[1]}.")), []);
                // Reversed already (a retry after the file was written): one reversal is all a legal record may hold.
                if (lines.Any(l => l.PieceRef == $"{original[0].PieceRef}-ANNUL"))
                    return (ConnectorResult<bool>.Ok(true), []);
                var number = NextNumber(lines, original[0].JournalCode);
                var validDate = ValidDate(context, original[0].EcritureDate, lines);
                var reversal = original.Select(l => l with
                {
                    EcritureNum = number, PieceRef = $"{l.PieceRef}-ANNUL", EcritureLib = $"Annulation {l.EcritureLib}",
                    Debit = l.Credit, Credit = l.Debit, ValidDate = validDate,
                }).ToList();
                return (ConnectorResult<bool>.Ok(true), reversal);
            }, cancellationToken);
        }, cancellationToken);
    }

    private (string Path, string? Problem) FilePath(ConnectorContext context, DateOnly date)
    {
        var siren = context.Option(ConnectorOptions.Siren);
        if (siren is null) return ("", "The FEC needs the company's SIREN: set accounting.options.siren in the consumer configuration.");
        var closing = FecFile.FiscalYearEnd(date, context.Option(ConnectorOptions.FiscalYearEnd) ?? "12-31");
        return (Path.Combine(options.FecFolder, context.ConsumerId, FecFileName.For(siren, closing)), null);
    }

    /// <summary>
    /// Debit and Credit must be euros (Code de commerce L123-22). A day in another currency needs the
    /// accountant's euro reference rates: without them it is refused, because wrong euros in a ledger
    /// are worse than a day that waits.
    /// </summary>
    private static string? NoRateSource(ConnectorContext context, JournalEntry entry) =>
        entry.Currency == "EUR" || context.Option(ConnectorOptions.EurRates) is not null ? null :
        $"The FEC-format file is kept in euros (Debit/Credit) and this day is in {entry.Currency} (settings.currency): " +
        $"set accounting.options.{ConnectorOptions.EurRates} to a CSV of the ECB's euro reference rates (eurofxref-hist.csv) so PosSync converts it.";

    /// <summary>The amount columns of each line: the day's own for euros, converted at the rate of its date otherwise.</summary>
    private static (IReadOnlyList<FecAmounts>? Amounts, string? Problem) Amounts(ConnectorContext context, JournalEntry entry)
    {
        if (entry.Currency == "EUR") return (FecConversion.InEuros(entry), null);
        var (table, unreadable) = EurRateFile.Read(context.Option(ConnectorOptions.EurRates)!);
        if (unreadable is not null) return (null, unreadable);
        var (rate, missing) = table!.RateFor(entry.Currency, entry.Date);
        return missing is not null ? (null, missing) : FecConversion.Convert(entry, rate!);
    }

    /// <summary>A written line's amounts in the currency its day was booked in: Montantdevise when there is one.</summary>
    private static (string, decimal, decimal) InEntryCurrency(FecLine line) => line.Montantdevise is not { } foreign
        ? (line.CompteNum, line.Debit, line.Credit)
        : line.Debit != 0 ? (line.CompteNum, foreign, 0m) : (line.CompteNum, 0m, foreign);

    private static string? LegacyPath(string path) =>
        FecFileName.LegacyOf(Path.GetFileName(path)) is { } legacy ? Path.Combine(Path.GetDirectoryName(path)!, legacy) : null;

    /// <summary>
    /// A data folder from before the rename holds the fiscal year under the legal FEC's name: it is
    /// renamed once, atomically and under the lock, so every entry booked in it stays and numbering
    /// continues. If both names exist, merging could duplicate or renumber entries, so the day waits
    /// for a person instead.
    /// </summary>
    private static string? AdoptLegacyFile(string path)
    {
        if (LegacyPath(path) is not { } legacy || !File.Exists(legacy)) return null;
        if (!File.Exists(path))
        {
            File.Move(legacy, path, overwrite: false);
            return null;
        }
        return $"The FEC folder holds both {Path.GetFileName(legacy)} (the old name) and {Path.GetFileName(path)}; " +
               $"merge them into {Path.GetFileName(path)} by hand, keeping the order and numbers, and remove the old one.";
    }

    /// <summary>
    /// Reads the file under an exclusive lock, lets <paramref name="change"/> decide what to append,
    /// and replaces the file atomically: a crash never leaves half a day in a legal record.
    /// </summary>
    private async Task<ConnectorResult<T>> WithFileAsync<T>(string path,
        Func<IReadOnlyList<FecLine>, (ConnectorResult<T> Result, IReadOnlyList<FecLine> Append)> change,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var fileLock = await LockAsync(path + ".lock", cancellationToken);
        if (AdoptLegacyFile(path) is { } conflict) return ConnectorResult<T>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, conflict));
        var lines = File.Exists(path)
            ? (await File.ReadAllTextAsync(path, FecFile.Latin9, cancellationToken))
                .Split(FecFile.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(FecFile.Parse).ToList()
            : [];
        var (result, append) = change(lines);
        if (append.Count == 0) return result;
        var text = new System.Text.StringBuilder();
        text.Append(FecFile.Header()).Append(FecFile.NewLine);
        foreach (var line in lines.Concat(append)) text.Append(FecFile.Format(line)).Append(FecFile.NewLine);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, text.ToString(), FecFile.Latin9, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return result;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>
    /// ValidDate: the day of writing in the business's calendar (the location's zone; Paris when the
    /// caller knows no location), never before the entry's own day and never before the file's last
    /// validation, so the file stays in validation order whatever the clock or zone (fec.md, Numbering and dates).
    /// </summary>
    private DateOnly ValidDate(ConnectorContext context, DateOnly ecritureDate, IReadOnlyList<FecLine> lines)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), context.TimeZone ?? Paris).DateTime);
        var lastValidated = lines.Count == 0 ? DateOnly.MinValue : lines.Max(l => l.ValidDate);
        return new[] { today, ecritureDate, lastValidated }.Max();
    }

    /// <summary>EcritureNum: a continuous sequence per journal within the file.</summary>
    private static string NextNumber(IReadOnlyList<FecLine> lines, string journal) =>
        (lines.Where(l => l.JournalCode == journal).Select(l => int.Parse(l.EcritureNum, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1)
        .ToString(CultureInfo.InvariantCulture);

    private static string Id(string path, string number) => $"{IdPrefix}{Path.GetFileName(path)}#{number}";

    private static IEnumerable<(string, decimal, decimal)> Key(IEnumerable<(string Account, decimal Debit, decimal Credit)> lines) =>
        lines.OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Debit).ThenBy(l => l.Credit);
}
