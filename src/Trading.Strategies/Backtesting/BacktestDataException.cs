namespace Trading.Strategies.Backtesting;

/// <summary>The market data of a backtest cannot be used as given (out of time order, unreadable); the message says where.</summary>
public sealed class BacktestDataException : Exception
{
    public BacktestDataException()
    {
    }

    public BacktestDataException(string message)
        : base(message)
    {
    }

    public BacktestDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
