namespace PosSync.Pipeline.Operations;

public sealed record ExportTotals(
    int Orders, int Items, int Payments, decimal Sales, decimal SalesExcludingVat, decimal Vat, decimal Paid,
    decimal Tips);
