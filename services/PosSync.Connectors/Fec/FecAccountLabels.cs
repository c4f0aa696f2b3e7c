namespace PosSync.Connectors.Fec;

/// <summary>
/// CompteLib is mandatory in a FEC but a mapping only holds account numbers: the label is the
/// French chart of accounts (PCG) name of the account's longest known prefix, else the line's
/// (already French) label.
/// </summary>
public static class FecAccountLabels
{
    private static readonly (string Prefix, string Label)[] Pcg =
    [
        ("4191", "Clients - Avances et acomptes reçus"),
        ("419", "Clients créditeurs"),
        ("44571", "TVA collectée"),
        ("4457", "Taxes sur le chiffre d'affaires collectées"),
        ("467", "Autres comptes débiteurs ou créditeurs"),
        ("471", "Compte d'attente"),
        ("511", "Valeurs à l'encaissement"),
        ("512", "Banques"),
        ("53", "Caisse"),
        ("58", "Virements internes"),
        ("6234", "Cadeaux à la clientèle"),
        ("658", "Charges diverses de gestion courante"),
        ("701", "Ventes de produits finis"),
        ("706", "Prestations de services"),
        ("707", "Ventes de marchandises"),
        ("708", "Produits des activités annexes"),
        ("709", "Rabais, remises et ristournes accordés"),
        ("758", "Produits divers de gestion courante"),
    ];

    public static string For(string account, string lineLabel) =>
        Pcg.Where(p => account.StartsWith(p.Prefix,
            StringComparison.Ordinal)).OrderByDescending(p => p.Prefix.Length).Select(p => p.Label).FirstOrDefault()
        ?? lineLabel;
}
