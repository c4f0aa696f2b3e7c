using System.Text;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The checker only proves the FEC tests right if it can fail: each case breaks one rule in a
/// valid file and expects that rule, at that line and column, among what the checker reports.
/// </summary>
public class FecCheckerTests
{
    private const string Header =
        "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\t"
        + "EcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise";

    // Two balanced entries of one journal: lines 2–3 are entry 1, lines 4–5 entry 2.
    private static readonly string[][] Valid =
    [
        [
            "VT", "Caisse", "1", "20250314", "530000", "Caisse", "", "", "POS-1-20250314", "20250314",
            "Encaissements Espèces", "12,00", "0,00", "", "", "20250315", "", ""],
        [
            "VT", "Caisse", "1", "20250314", "706100", "Prestations de services", "", "", "POS-1-20250314", "20250314",
            "Ventes 10 %", "0,00", "12,00", "", "", "20250315", "", ""],
        [
            "VT", "Caisse", "2", "20250315", "530000", "Caisse", "", "", "POS-1-20250315", "20250315",
            "Encaissements Espèces", "7,50", "0,00", "", "", "20250316", "", ""],
        [
            "VT", "Caisse", "2", "20250315", "706100", "Prestations de services", "", "", "POS-1-20250315", "20250315",
            "Ventes 10 %", "0,00", "7,50", "", "", "20250316", "", ""],
    ];

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static string Text(string[][] rows, string header = Header) =>
        string.Concat(new[] { header }.Concat(rows.Select(r => string.Join('\t', r))).Select(l => l + "\r\n"));

    /// <summary>The valid file with field <paramref name="column"/> of file line <paramref name="line"/> set to <paramref name="value"/>.</summary>
    private static byte[] With(int line, int column, string value)
    {
        var rows = Valid.Select(r => r.ToArray()).ToArray();
        rows[line - 2][column] = value;
        return Bytes(Text(rows));
    }

    [Test]
    public void A_valid_file_has_no_violation()
    {
        Assert.That(FecChecker.Check(Bytes(Text(Valid))), Is.Empty);
        Assert.That(Encoding.Latin1.GetString(Bytes(Text(Valid))), Does.Contain("Espèces"), "the valid file has a Latin-9 letter");
    }

    public static IEnumerable<TestCaseData> BrokenFiles()
    {
        TestCaseData Case(string name, byte[] file, int line, string column, string rule) =>
            new TestCaseData(file, line, column, rule).SetName($"Checker_catches {name}");

        yield return Case("a missing column in the header", Bytes(Text(Valid, Header.Replace("\tIdevise", ""))), 1, "(header)", "17 column names");
        yield return Case("columns out of order", Bytes(Text(Valid, Header.Replace("Debit\tCredit", "Credit\tDebit"))), 1, "Debit", "wants 'Debit'");
        yield return Case("a line with 17 fields", Bytes(Text([.. Valid.Take(1), Valid[1][..17], .. Valid.Skip(2)])), 3, "(record)", "17 fields");
        yield return Case("a tab inside a field", With(2, 10, "Encaissements\tEspèces"), 2, "(record)", "19 fields");
        yield return Case("the pipe separator inside a field", With(2, 10, "Espèces|CB"), 2, "EcritureLib", "'|'");
        yield return Case("a pipe-separated header", Bytes(Text(Valid, Header.Replace('\t', '|'))), 1, "(header)", "one kind only");
        yield return Case("a byte order mark", [0xEF, 0xBB, 0xBF, .. Bytes(Text(Valid))], 1, "(file)", "byte order mark");
        yield return Case("UTF-8 bytes", Encoding.UTF8.GetBytes(Text(Valid)), 2, "(bytes)", "look like UTF-8");
        yield return Case("a control byte", With(3, 5, "Prestations\u0001"), 3, "(bytes)", "0x01");
        yield return Case("a bare line feed", Bytes(Text(Valid).Replace("\r\nVT\tCaisse\t2", "\nVT\tCaisse\t2")), 3, "(record)", "bare CR or LF");
        yield return Case("a date with separators", With(2, 3, "2025-03-14"), 2, "EcritureDate", "AAAAMMJJ");
        yield return Case("a date that does not exist", With(4, 9, "20250230"), 4, "PieceDate", "not a real date");
        yield return Case("a date in year 2200", With(2, 14, "22000101"), 2, "DateLet", "outside 1900");
        yield return Case("a decimal point", With(3, 12, "12.00"), 3, "Credit", "decimal comma");
        yield return Case("a thousands separator", Bytes(Text([
            ["VT", "Caisse", "1", "20250314", "530000", "Caisse", "", "", "P", "20250314", "Espèces", "1 200,00", "0,00", "", "", "20250315", "", ""],
            [
                "VT", "Caisse", "1", "20250314", "706100", "Ventes", "", "", "P", "20250314", "Ventes", "0,00",
                "1200,00", "", "", "20250315", "", ""]])), 2, "Debit", "thousands separator");
        yield return Case("a negative amount", With(2, 11, "-12,00"), 2, "Debit", "signed");
        yield return Case("both sides filled", With(2, 12, "1,00"), 2, "Debit", "both filled");
        yield return Case("both sides zero", With(2, 11, "0,00"), 2, "Debit", "both zero");
        yield return Case("an account without 3 digits", With(2, 4, "CA530"), 2, "CompteNum", "3 digits");
        yield return Case("an entry that does not balance", With(5, 12, "7,00"), 4, "Debit", "does not balance");
        yield return Case(
            "a gap in the numbers",
            Bytes(Text([Valid[0], Valid[1], .. Valid.Skip(2).Select(r => r.Select((v, i) => i == 2 ? "3" : v).ToArray())])),
            4,
            "EcritureNum",
            "gap");
        yield return Case(
            "a sequence that does not start at 1",
            Bytes(Text([.. Valid.Select(r => r.Select((v, i) => i == 2 ? (int.Parse(v) + 1).ToString() : v).ToArray())])),
            2,
            "EcritureNum",
            "gap");
        yield return Case("a duplicate number", Bytes(Text([.. Valid, .. Valid.Take(2)])), 6, "EcritureNum", "already used");
        yield return Case("numbers out of file order", Bytes(Text([.. Valid.Skip(2), .. Valid.Take(2)])), 4, "EcritureNum", "must increase");
        yield return Case("two numbers on one entry", With(3, 2, "2"), 3, "EcritureNum", "one number");
        yield return Case("two ValidDates in one entry", With(3, 15, "20250316"), 3, "ValidDate", "one per entry");
        yield return Case("an empty ValidDate", With(2, 15, ""), 2, "ValidDate", "mandatory");
        yield return Case("ValidDate before EcritureDate", With(2, 15, "20250313"), 2, "ValidDate", "before the EcritureDate");
        yield return Case(
            "ValidDate going back in file order",
            Bytes(Text([.. Valid.Take(2).Select(r => r.Select((v, i) => i == 15 ? "20250320" : v).ToArray()), .. Valid.Skip(2)])),
            4,
            "ValidDate",
            "validation order");
        yield return Case("Montantdevise without Idevise", With(2, 16, "13,10"), 2, "Idevise", "both filled or both empty");
        yield return Case("Idevise without Montantdevise", With(2, 17, "USD"), 2, "Montantdevise", "both filled or both empty");
        yield return Case(
            "a currency that is no ISO code",
            Bytes(Text([.. Valid.Take(2).Select(r => r.Select((v, i) => i == 16 ? "13,10" : i == 17 ? "dollar" : v).ToArray()), .. Valid.Skip(2)])),
            2,
            "Idevise",
            "ISO 4217");
        yield return Case(
            "two currencies in one entry",
            Bytes(
                Text(
                    [
                        .. Valid.Take(2).Select((r, n) => r.Select((v, i) => i == 16 ? "13,10" : i == 17 ? (n == 0 ? "USD" : "GBP") : v).ToArray()),
                        .. Valid.Skip(2)])),
            3,
            "Idevise",
            "one per entry");
        yield return Case(
            "euros written as a foreign currency",
            Bytes(Text([.. Valid.Take(2).Select(r => r.Select((v, i) => i == 16 ? "12,00" : i == 17 ? "EUR" : v).ToArray()), .. Valid.Skip(2)])),
            2,
            "Idevise",
            "euro line");
        yield return Case("an empty mandatory label", With(3, 10, ""), 3, "EcritureLib", "mandatory");
        yield return Case("an empty account label", With(3, 5, " "), 3, "CompteLib", "mandatory");
        yield return Case("an empty journal code", With(2, 0, ""), 2, "JournalCode", "mandatory");
        yield return Case("an empty file", [], 1, "(file)", "empty");
    }

    [TestCaseSource(nameof(BrokenFiles))]
    public void Checker_catches(byte[] file, int line, string column, string rule)
    {
        var violations = FecChecker.Check(file);

        Assert.That(violations.Where(v => v.Line == line && v.Column == column && v.Rule.Contains(rule, StringComparison.Ordinal)), Is.Not.Empty,
            $"expected line {line}, {column}: …{rule}…; found:\n{string.Join("\n", violations)}");
    }
}
