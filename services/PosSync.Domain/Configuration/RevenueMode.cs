namespace PosSync.Domain.Configuration;

public enum RevenueMode { Net, Gross }
