namespace PosSync.Connectors.Http;

/// <summary>Which of Lightspeed's financial APIs reads a business day (docs/vendors/lightspeed.md).</summary>
public enum LightspeedFinancialApi
{
    /// <summary>V1 dailyFinancials: back-office corrections are dated on the original business day.</summary>
    V1,

    /// <summary>V2 sales-daily: back-office corrections appear on the day they were made.</summary>
    V2,
}
