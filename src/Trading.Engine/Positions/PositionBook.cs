using Trading.Engine.Primitives;

namespace Trading.Engine.Positions;

/// <summary>
/// One net position per symbol for one account. Fill rules:
/// - same direction (or flat): cost += notional, entry fees += fee;
/// - reducing: cost basis and entry fees are allocated to the closed quantity by the split rule
///   (part = round(total × closed/open, 10), the rest stays), and a trade is written;
/// - crossing zero: notional and fee are split between the closing quantity (= open quantity) and
///   the remainder by the same rule; the position is closed in full and the other side opened.
/// A position that reaches zero is removed, never kept with zero quantity.
/// </summary>
public sealed class PositionBook
{
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);

    public PositionBook()
    {
    }

    public PositionBook(IEnumerable<Position> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        foreach (var position in positions)
        {
            if (!_positions.TryAdd(position.Symbol, position))
            {
                throw new ArgumentException($"More than one {position.Symbol} position; the book holds one net position per symbol.", nameof(positions));
            }
        }
    }

    public IReadOnlyCollection<Position> Positions => _positions.Values;

    public Position? Get(string symbol) => _positions.GetValueOrDefault(symbol);

    public FillApplication ApplyFill(string symbol, OrderSide side, decimal quantity, decimal price, decimal fee, DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (quantity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "A fill quantity must be greater than zero.");
        }

        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A fill price must be greater than zero.");
        }

        if (fee < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(fee), fee, "A fee must not be negative.");
        }

        var notional = EngineMath.Notional(quantity, price);
        var ledger = new[]
        {
            new LedgerEntry(LedgerEntryKind.TradeNotional, symbol, side == OrderSide.Buy ? -notional : notional, time),
            new LedgerEntry(LedgerEntryKind.Fee, symbol, -fee, time),
        };
        var fillSide = side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;
        var current = Get(symbol);

        if (current is null || current.Side == fillSide)
        {
            var added = current is null
                ? new Position(symbol, fillSide, quantity, notional, fee, time)
                : new Position(symbol, fillSide, current.Quantity + quantity, current.CostBasis + notional, current.EntryFees + fee, current.OpenedAt);
            _positions[symbol] = added;
            return new FillApplication(null, added, notional, fee, ledger);
        }

        if (quantity < current.Quantity)
        {
            var (cost, costLeft) = EngineMath.Split(current.CostBasis, quantity, current.Quantity);
            var (entryFees, entryFeesLeft) = EngineMath.Split(current.EntryFees, quantity, current.Quantity);
            var trade = Close(current, quantity, cost, entryFees, notional, fee, price, time);
            var reduced = new Position(symbol, current.Side, current.Quantity - quantity, costLeft, entryFeesLeft, current.OpenedAt);
            _positions[symbol] = reduced;
            return new FillApplication(trade, reduced, notional, fee, ledger);
        }

        var (closingNotional, openingNotional) = EngineMath.Split(notional, current.Quantity, quantity);
        var (closingFee, openingFee) = EngineMath.Split(fee, current.Quantity, quantity);
        var closed = Close(current, current.Quantity, current.CostBasis, current.EntryFees, closingNotional, closingFee, price, time);
        _positions.Remove(symbol);
        Position? opened = null;
        if (quantity > current.Quantity)
        {
            opened = new Position(symbol, fillSide, quantity - current.Quantity, openingNotional, openingFee, time);
            _positions[symbol] = opened;
        }

        return new FillApplication(closed, opened, notional, fee, ledger);
    }

    private static ClosedTrade Close(
        Position position,
        decimal quantity,
        decimal entryCost,
        decimal entryFees,
        decimal exitNotional,
        decimal exitFees,
        decimal exitPrice,
        DateTimeOffset time)
    {
        var gross = position.Side == PositionSide.Long ? exitNotional - entryCost : entryCost - exitNotional;
        return new ClosedTrade(
            position.Symbol,
            position.Side,
            quantity,
            entryCost,
            exitNotional,
            EngineMath.RoundMoney(entryCost / quantity), // display only, stored at price scale
            exitPrice,
            position.OpenedAt,
            time,
            gross,
            entryFees,
            exitFees);
    }
}
