using Trading.Engine.Positions;

namespace Trading.Engine.Execution;

/// <summary>
/// The in-memory state of one account during a batch: its config, cash and open positions as
/// loaded from the database. <see cref="ExecutionEngine"/> changes it decision by decision.
/// </summary>
public sealed class AccountState
{
    public AccountState(AccountConfig config, decimal cash, IEnumerable<Position> positions)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Portfolio = new Portfolio(cash, positions);
    }

    public AccountConfig Config { get; }

    public Portfolio Portfolio { get; }

    public decimal Cash => Portfolio.Cash;

    public IReadOnlyCollection<Position> Positions => Portfolio.Positions;

    /// <summary>A new account: all initial capital in cash, no positions.</summary>
    public static AccountState Open(AccountConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new AccountState(config, config.InitialCapital, []);
    }
}
