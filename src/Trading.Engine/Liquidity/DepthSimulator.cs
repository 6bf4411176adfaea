using Trading.Engine.MarketData;
using Trading.Engine.MarketData.Simulation;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;
using Trading.Engine.Randomness;

namespace Trading.Engine.Liquidity;

/// <summary>
/// A plausible book and trade prints around each simulated quote, rules:
/// 1. Level 0 of each side is the quote's touch with its quoted size; level k is k × spacing ticks worse, holding
///    touch size × (1 + k × growth) × u, u uniform in [0.5, 1.5), floored to the lot and at least one lot. Bid levels
///    stop before a price would reach zero.
/// 2. Between 0 and MaxPrintsPerQuote prints (uniform) trade at the quote's time: each a buy aggressor at the ask or a
///    sell aggressor at the bid (even odds), of u' × the touch size, u' uniform in [0.05, 0.5), at least one lot.
/// Each symbol draws from its own generator (from the seed and the symbol's name, as PriceSimulator's paths do), so the
/// same seed and quotes give the same books and prints. Not thread-safe.
/// </summary>
public sealed class DepthSimulator
{
    // "depth" in ASCII: keeps these draws apart from the price paths of the same seed.
    private const ulong Salt = 0x6465707468;

    private readonly DepthSettings settings;
    private readonly Dictionary<string, Symbol> symbols = new(StringComparer.Ordinal);

    public DepthSimulator(DepthSettings settings, IReadOnlyList<PathSettings> paths, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(paths);
        this.settings = settings;
        foreach (var path in paths)
        {
            symbols[path.Symbol] = new Symbol(path, new DeterministicRandom(PriceSimulator.SymbolSeed(seed ^ Salt, path.Symbol)));
        }
    }

    public SimulatedMarket Next(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (!symbols.TryGetValue(quote.Symbol, out var symbol))
        {
            throw new ArgumentException($"{quote.Symbol} is not one of the simulated symbols.", nameof(quote));
        }

        if (quote.Bid is not { } bid || quote.Ask is not { } ask)
        {
            throw new ArgumentException($"A simulated {quote.Symbol} quote has a bid and an ask.", nameof(quote));
        }

        var bidSize = quote.BidSize ?? symbol.Path.QuotedSize;
        var askSize = quote.AskSize ?? symbol.Path.QuotedSize;
        var book = new OrderBook(quote.Symbol, quote.Time, Side(symbol, bid, bidSize, -1m), Side(symbol, ask, askSize, 1m));
        return new SimulatedMarket(book, Prints(symbol, quote.Time, bid, bidSize, ask, askSize));
    }

    private BookLevel[] Side(Symbol symbol, decimal touch, decimal touchSize, decimal direction)
    {
        var step = direction * settings.SpacingTicks * symbol.Path.TickSize;
        var levels = new List<BookLevel>(settings.Levels) { new(touch, touchSize) };
        for (var k = 1; k < settings.Levels; k++)
        {
            var price = touch + (k * step);
            if (price <= 0m)
            {
                break;
            }

            var size = touchSize * (1m + (k * settings.SizeGrowth)) * symbol.Random.NextDecimal(0.5m, 1.5m);
            levels.Add(new BookLevel(price, AtLeastOneLot(size, symbol.Path.LotSize)));
        }

        return [.. levels];
    }

    private List<VenueTrade> Prints(Symbol symbol, DateTimeOffset time, decimal bid, decimal bidSize, decimal ask, decimal askSize)
    {
        var count = (int)(symbol.Random.NextDecimal() * (settings.MaxPrintsPerQuote + 1));
        var prints = new List<VenueTrade>(count);
        for (var i = 0; i < count; i++)
        {
            var buyer = symbol.Random.NextDecimal() < 0.5m;
            var size = (buyer ? askSize : bidSize) * symbol.Random.NextDecimal(0.05m, 0.5m);
            var print = new TradePrint(time, buyer ? ask : bid, AtLeastOneLot(size, symbol.Path.LotSize), buyer ? OrderSide.Buy : OrderSide.Sell);
            prints.Add(new VenueTrade(++symbol.LastTradeId, print));
        }

        return prints;
    }

    private static decimal AtLeastOneLot(decimal size, decimal lot) => Math.Max(lot, EngineMath.FloorToLot(size, lot));

    private sealed class Symbol(PathSettings path, DeterministicRandom random)
    {
        public PathSettings Path { get; } = path;

        public DeterministicRandom Random { get; } = random;

        public long LastTradeId { get; set; }
    }
}
