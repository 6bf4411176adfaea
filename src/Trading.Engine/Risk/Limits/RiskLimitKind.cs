namespace Trading.Engine.Risk.Limits;

/// <summary>What a limit measures and the unit of its threshold. A value equal to the threshold passes.</summary>
public enum RiskLimitKind
{
    /// <summary>|position value after the order| ≤ threshold × equity (threshold a fraction, e.g. 0.2).</summary>
    MaxPositionFraction,

    /// <summary>gross exposure after the order ≤ threshold × equity (a multiple of equity, e.g. 1.5).</summary>
    MaxGrossExposure,

    /// <summary>open positions after an order that opens a new one ≤ threshold (a count).</summary>
    MaxOpenPositions,

    /// <summary>order notional ≤ threshold (an amount in the account currency).</summary>
    MaxOrderNotional,

    /// <summary>trades today including this one ≤ threshold (a count).</summary>
    MaxTradesPerDay,

    /// <summary>day-start equity − equity ≤ threshold × day-start equity (a fraction). Breach halts the account.</summary>
    MaxDailyLoss,

    /// <summary>peak equity − equity ≤ threshold × peak equity (a fraction). Breach halts the account.</summary>
    MaxDrawdown,
}
