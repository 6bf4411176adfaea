namespace Trading.Strategies.Backtesting;

/// <summary>Where a backtest's results go as they happen, so the runner itself holds nothing that grows with the history.</summary>
public interface IBacktestSink
{
    void Decision(BacktestDecision decision);

    void Fill(BacktestFill fill);

    void Trade(BacktestTrade trade);

    void Equity(EquityPoint point);
}
