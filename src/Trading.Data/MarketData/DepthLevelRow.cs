namespace Trading.Data.MarketData;

/// <summary>
/// One row of market_depth: the book of <paramref name="Symbol"/> at <paramref name="Time"/>, one level of one side
/// (level 0 the touch). All rows of one (symbol, time) are one snapshot.
/// </summary>
public readonly record struct DepthLevelRow(DateTimeOffset Time, string Symbol, BookSide Side, int Level, decimal Price, decimal Size);
