using Trading.Engine.Primitives;

namespace Trading.Engine.Positions;

/// <summary>
/// An account's book: cash plus one net position per symbol. A buy debits its notional, a sell
/// (a short sale too) credits it, every fee debits; no margin is set aside, so a short round trip
/// returns cash to where it was less costs. Equity = cash + Σ signed quantity × mark.
/// </summary>
public sealed class Portfolio
{
    public Portfolio(decimal cash, IEnumerable<Position> positions)
    {
        Cash = cash;
        Book = new PositionBook(positions);
    }

    public decimal Cash { get; private set; }

    public PositionBook Book { get; }

    public IReadOnlyCollection<Position> Positions => Book.Positions;

    public FillApplication ApplyFill(string symbol, OrderSide side, decimal quantity, decimal price, decimal fee, DateTimeOffset time)
    {
        var application = Book.ApplyFill(symbol, side, quantity, price, fee, time);
        Cash += application.CashDelta;
        return application;
    }

    public decimal Equity(IReadOnlyDictionary<string, decimal> marks) =>
        Cash + Book.Positions.Sum(p => p.SignedMarketValue(MarkOf(marks, p.Symbol)));

    public decimal GrossExposure(IReadOnlyDictionary<string, decimal> marks) =>
        Book.Positions.Sum(p => p.MarketValue(MarkOf(marks, p.Symbol)));

    public decimal UnrealizedNet(IReadOnlyDictionary<string, decimal> marks) =>
        Book.Positions.Sum(p => p.UnrealizedNet(MarkOf(marks, p.Symbol)));

    private static decimal MarkOf(IReadOnlyDictionary<string, decimal> marks, string symbol)
    {
        ArgumentNullException.ThrowIfNull(marks);
        return marks.TryGetValue(symbol, out var mark)
            ? mark
            : throw new KeyNotFoundException($"No mark price for open position {symbol}.");
    }
}
