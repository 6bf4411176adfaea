namespace Trading.Engine.Positions;

/// <summary>
/// What one fill did to a book: the trade it closed (if any), the position afterwards (null when
/// flat), and the cash movements. CashDelta = Σ Ledger = ±notional − fee.
/// </summary>
public sealed record FillApplication(
    ClosedTrade? Trade,
    Position? Position,
    decimal Notional,
    decimal Fee,
    IReadOnlyList<LedgerEntry> Ledger)
{
    public decimal CashDelta => Ledger.Sum(e => e.Amount);
}
