using Trading.Engine.Risk.Limits;

namespace Trading.Engine.Execution;

/// <summary>
/// An account's risk limits and the figures they are measured on for one batch. The trade counts grow as the batch
/// executes orders, so the tenth order of the day is judged on nine, whatever batch it falls in.
/// </summary>
public sealed class AccountRisk
{
    private readonly Dictionary<string, int> agentTrades;
    private readonly Dictionary<string, int> symbolTrades;
    private readonly Dictionary<string, int> loginTrades;

    /// <param name="limits">The limits that apply to the account (any scope).</param>
    /// <param name="tradesToday">Orders the account executed today (UTC) before this batch.</param>
    /// <param name="agentTradesToday">The same, per agent.</param>
    /// <param name="symbolTradesToday">The same, per symbol.</param>
    /// <param name="dayStartEquity">Equity of the day's first snapshot (or the last before today); null: initial capital.</param>
    /// <param name="peakEquity">Highest equity seen by the snapshots; null: initial capital.</param>
    /// <param name="loginTradesToday">Orders executed today per login (the decision's recorded login); null: none.</param>
    public AccountRisk(
        IReadOnlyList<RiskLimit> limits,
        int tradesToday,
        IReadOnlyDictionary<string, int> agentTradesToday,
        IReadOnlyDictionary<string, int> symbolTradesToday,
        decimal? dayStartEquity,
        decimal? peakEquity,
        IReadOnlyDictionary<string, int>? loginTradesToday = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        TradesToday = tradesToday;
        agentTrades = new Dictionary<string, int>(agentTradesToday, StringComparer.Ordinal);
        symbolTrades = new Dictionary<string, int>(symbolTradesToday, StringComparer.Ordinal);
        loginTrades = loginTradesToday is null
            ? new Dictionary<string, int>(StringComparer.Ordinal)
            : new Dictionary<string, int>(loginTradesToday, StringComparer.Ordinal);
        DayStartEquity = dayStartEquity;
        PeakEquity = peakEquity;
    }

    public IReadOnlyList<RiskLimit> Limits { get; }

    public int TradesToday { get; private set; }

    public decimal? DayStartEquity { get; }

    public decimal? PeakEquity { get; }

    /// <summary>The same limits and counts measured against new equity references (a simulation moving through time).</summary>
    public AccountRisk WithEquity(decimal? dayStartEquity, decimal? peakEquity) =>
        new(Limits, TradesToday, agentTrades, symbolTrades, dayStartEquity, peakEquity, loginTrades);

    /// <summary>Judges a proposed order against every limit, on the account as it stands before the order.</summary>
    public RiskVerdict Check(AccountState state, IReadOnlyDictionary<string, decimal> marks, RiskOrder order)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(order);
        if (Limits.Count == 0)
        {
            return RiskVerdict.Pass;
        }

        var equity = state.Portfolio.Equity(marks);
        var context = new RiskContext(
            equity,
            state.Positions,
            marks,
            TradesToday,
            DayStartEquity ?? state.Config.InitialCapital,
            Math.Max(PeakEquity ?? state.Config.InitialCapital, equity),
            order.AgentId is { } agent ? agentTrades.GetValueOrDefault(agent) : null,
            symbolTrades.GetValueOrDefault(order.Symbol),
            order.Login is { } login ? loginTrades.GetValueOrDefault(login) : null);
        return RiskLimitChecker.Check(Limits, context, order);
    }

    /// <summary>Counts an executed order.</summary>
    public void Record(string symbol, string? agent, string? login = null)
    {
        TradesToday++;
        symbolTrades[symbol] = symbolTrades.GetValueOrDefault(symbol) + 1;
        if (agent is not null)
        {
            agentTrades[agent] = agentTrades.GetValueOrDefault(agent) + 1;
        }

        if (login is not null)
        {
            loginTrades[login] = loginTrades.GetValueOrDefault(login) + 1;
        }
    }
}
