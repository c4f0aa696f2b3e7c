namespace PosSync.Connectors.Xero;

/// <summary>
/// How the sales lines of one tax type are sent so that Xero, which rounds VAT line by line, derives exactly
/// PosSync's VAT for that tax type and PosSync's net per line (docs/vendors/xero.md "How the amounts agree to
/// the cent"). A line sent as net + v gives back v only when v is within about half a cent of net × r, so one
/// line per account cannot carry a VAT the POS rounded item by item; splitting a sales line into several
/// journal lines of the same account and tax type gives each its own half cent. The fewest lines are used.
/// </summary>
public static class XeroVatSplit
{
    /// <summary>PosSync's bound on the journal lines added by splitting, per journal (Xero publishes no maximum; see xero.md).</summary>
    public const int MaxAddedLines = 100;

    /// <summary>How far, in cents, a piece's net may move from an even split to land on a net whose VAT rounds the wanted way.</summary>
    private const int Window = 50;

    private const decimal Cent = 0.01m;

    /// <summary>
    /// The shares each net is sent as (nets in Xero's signs), whose VATs sum to <paramref name="vat"/> and whose nets
    /// sum to each line's net; null when no split within <paramref name="addedLines"/> more lines does.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<XeroShare>>? Split(IReadOnlyList<decimal> nets, decimal ratePercent, decimal vat,
        int addedLines = MaxAddedLines)
    {
        var cents = nets.Select(n => (long)(n / Cent)).ToList();
        var pieces = cents.Select(n => new List<long> { n }).ToList();
        var wanted = (long)(vat / Cent);
        var rate = ratePercent;
        if (Reach(pieces, rate) is not { } reach) return null;
        // The direction to widen: raise the highest VAT the lines can carry, or lower the lowest.
        var up = wanted > reach.High;
        for (var added = 0; wanted < reach.Low || wanted > reach.High; added++)
        {
            if (added == addedLines) return null;
            var best = -1;
            var bestGain = long.MinValue;
            List<long>? bestPieces = null;
            for (var i = 0; i < cents.Count; i++)
            {
                if (Math.Abs(cents[i]) < pieces[i].Count + 1) continue;
                var split = Best(cents[i], pieces[i].Count + 1, rate, up);
                if (split is null) continue;
                var gain = Score(split, rate, up) - Score(pieces[i], rate, up);
                if (gain > bestGain || (gain == bestGain && Math.Abs(cents[i]) > Math.Abs(cents[best])))
                    (best, bestGain, bestPieces) = (i, gain, split);
            }
            if (bestPieces is null) return null;
            pieces[best] = bestPieces;
            if (Reach(pieces, rate) is not { } widened) return null;
            reach = widened;
        }

        // Every piece at its lowest VAT, then raised a cent at a time within what Xero gives back, until the VAT is the entry's.
        var ranges = pieces.Select(p => p.Select(n => Range(n, rate)!.Value).ToList()).ToList();
        var shares = ranges.Select(r => r.Select(x => x.Low).ToList()).ToList();
        var missing = wanted - shares.Sum(s => s.Sum());
        for (var i = 0; i < shares.Count && missing > 0; i++)
        {
            for (var j = 0; j < shares[i].Count && missing > 0; j++)
            {
                var raise = Math.Min(missing, ranges[i][j].High - shares[i][j]);
                shares[i][j] += raise;
                missing -= raise;
            }
        }
        return pieces.Select((p, i) => (IReadOnlyList<XeroShare>)p.Select((n, j) => new XeroShare(n * Cent, shares[i][j] * Cent)).ToList()).ToList();
    }

    /// <summary>
    /// The VAT cents v Xero gives back from a line of net n cents sent as n + v, lowest and highest: those with
    /// round((n + v) × r/(1+r), 2) = v, within about half a cent of n × r; null when none (a rate above 100 %).
    /// </summary>
    public static (long Low, long High)? Range(long net, decimal ratePercent)
    {
        var centre = (long)Math.Round(net * ratePercent / 100m, MidpointRounding.AwayFromZero);
        var valid = Enumerable.Range(-3, 7).Select(k => centre + k)
            .Where(v => XeroJournalMapping.DerivedTax((net + v) * Cent, ratePercent) == v * Cent).ToList();
        return valid.Count == 0 ? null : (valid.Min(), valid.Max());
    }

    private static (long Low, long High)? Reach(List<List<long>> pieces, decimal rate)
    {
        long low = 0, high = 0;
        foreach (var net in pieces.SelectMany(p => p))
        {
            if (Range(net, rate) is not { } range) return null;
            low += range.Low;
            high += range.High;
        }
        return (low, high);
    }

    /// <summary>What a split is worth in the wanted direction: its highest VAT when raising, minus its lowest when lowering.</summary>
    private static long Score(List<long> pieces, decimal rate, bool up) =>
        pieces.Sum(n => Range(n, rate) is { } r ? (up ? r.High : -r.Low) : long.MinValue / 1024);

    /// <summary>
    /// The net split into <paramref name="count"/> pieces of its sign, all but the last equal and near an even share,
    /// chosen so that the pieces carry the most VAT in the wanted direction.
    /// </summary>
    private static List<long>? Best(long net, int count, decimal rate, bool up)
    {
        var sign = Math.Sign(net);
        var even = Math.Abs(net) / count;
        List<long>? best = null;
        var bestScore = long.MinValue;
        for (var size = Math.Max(1, even - Window); size <= even + Window; size++)
        {
            var last = Math.Abs(net) - (count - 1) * size;
            if (last < 1) break;
            var score = (count - 1) * Score([sign * size], rate, up) + Score([sign * last], rate, up);
            if (score > bestScore) (best, bestScore) = (Enumerable.Repeat(sign * size, count - 1).Append(sign * last).ToList(), score);
        }
        return best;
    }
}
