using Trading.Engine.Primitives;

namespace Trading.Engine.Risk.Limits;

/// <summary>
/// One risk-limit row of an account. Scope: with none of <see cref="AgentId"/>, <see cref="Login"/>
/// and <see cref="Symbol"/> it checks every decision; otherwise only decisions of that agent label,
/// login and/or symbol. The agent label is whatever the decision's writer typed; the login is the
/// role the database recorded, so only a login scope binds an agent that wants to evade it. The figures are the account's (positions are net per account), except trade counts,
/// which the caller may give per agent and symbol. Loss limits halt the account, so they are
/// account-wide only.
/// </summary>
public sealed record RiskLimit
{
    public RiskLimit(RiskLimitKind kind, decimal threshold, string? agentId = null, string? symbol = null, string? login = null)
    {
        if (threshold < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A risk limit must not be negative.");
        }

        if (kind is RiskLimitKind.MaxOpenPositions or RiskLimitKind.MaxTradesPerDay && threshold != Math.Floor(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"{kind} counts whole positions or trades.");
        }

        if (kind is RiskLimitKind.MaxDailyLoss or RiskLimitKind.MaxDrawdown && (agentId is not null || symbol is not null || login is not null))
        {
            throw new ArgumentException($"{kind} halts the account, so it cannot be scoped to an agent or symbol.", nameof(kind));
        }

        Kind = kind;
        Threshold = threshold;
        AgentId = agentId;
        Symbol = symbol;
        Login = login;
    }

    public RiskLimitKind Kind { get; }

    public decimal Threshold { get; }

    public string? AgentId { get; }

    public string? Symbol { get; }

    public string? Login { get; }

    public bool HaltsAccount => Kind is RiskLimitKind.MaxDailyLoss or RiskLimitKind.MaxDrawdown;

    /// <summary>e.g. "max_position_fraction" or "max_trades_per_day[agent=alpha,symbol=BTCUSDT]".</summary>
    public string Name
    {
        get
        {
            var name = Kind switch
            {
                RiskLimitKind.MaxPositionFraction => "max_position_fraction",
                RiskLimitKind.MaxGrossExposure => "max_gross_exposure",
                RiskLimitKind.MaxOpenPositions => "max_open_positions",
                RiskLimitKind.MaxOrderNotional => "max_order_notional",
                RiskLimitKind.MaxTradesPerDay => "max_trades_per_day",
                RiskLimitKind.MaxDailyLoss => "max_daily_loss",
                RiskLimitKind.MaxDrawdown => "max_drawdown",
                _ => Kind.ToString(),
            };
            var scope = string.Join(",", new[] { AgentId is null ? null : $"agent={AgentId}", Login is null ? null : $"login={Login}", Symbol is null ? null : $"symbol={Symbol}" }.OfType<string>());
            return scope.Length == 0 ? name : $"{name}[{scope}]";
        }
    }

    public bool AppliesTo(string symbol, string? agentId, string? login = null) =>
        (Symbol is null || Symbol == symbol) && (AgentId is null || AgentId == agentId) && (Login is null || Login == login);

    public override string ToString() => $"{Name} {Fmt.Qty(Threshold)}";
}
