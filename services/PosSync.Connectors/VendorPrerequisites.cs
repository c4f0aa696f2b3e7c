namespace PosSync.Connectors;

/// <summary>
/// What the client must bring to a vendor's consent for PosSync to work (docs/vendors/): support
/// says it when a connection is refused, since a reconnect by the wrong user fails the same way.
/// </summary>
public static class VendorPrerequisites
{
    public static string For(string? connector) => connector switch
    {
        "lightspeed" => "Lightspeed needs the scope financial-api, granted by a user who can see every location of the business "
                        + "(a token sees only what its user sees)",
        "pennylane" => "Pennylane needs the scopes journals:readonly, ledger_accounts:readonly and ledger_entries:all, "
                       + "granted by a user of the company being booked (the consent picks one company)",
        "square" => "Square needs the scopes ORDERS_READ, PAYMENTS_READ, ITEMS_READ and MERCHANT_PROFILE_READ, granted by the seller's owner "
                    + "or an admin (a new scope always needs a new consent; a refresh cannot add one)",
        "xero" => "Xero needs the scopes offline_access, accounting.transactions (accounting.manualjournals for apps created since 2 March 2026) "
                  + "and accounting.settings.read, granted by a user of the organisation being booked",
        _ => "",
    };

    /// <summary>The support step: the consent command, and what the client must grant.</summary>
    public static string Reconnect(string consumerId, string role, string? connector)
    {
        var needs = For(connector);
        return $"possync connect {consumerId} --role {role} (send the client the address it prints{(needs.Length > 0 ? "; " + needs : "")})";
    }
}
