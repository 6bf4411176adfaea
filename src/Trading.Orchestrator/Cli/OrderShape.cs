using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// The order a decision asks for, in the spelling of the trading_decisions columns (order_type 'stop_limit', exit_unit
/// 'percent'). Null means not given: the INSERT then takes the schema's default, and the database judges the rest.
/// </summary>
public sealed record OrderShape(
    string? OrderType,
    decimal? LimitPrice,
    decimal? StopPrice,
    decimal? TrailingOffset,
    string? TimeInForce,
    Expiry? Expiry,
    decimal? StopLoss,
    decimal? TakeProfit,
    string? ExitUnit,
    bool ReduceOnly = false)
{
    /// <summary>Adds the parameters in the order of the INSERT's columns: order_type .. reduce_only (expires_at takes two).</summary>
    public void AddTo(NpgsqlParameterCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(CliParameters.Text(OrderType));
        parameters.Add(CliParameters.Number(LimitPrice));
        parameters.Add(CliParameters.Number(StopPrice));
        parameters.Add(CliParameters.Number(TrailingOffset));
        parameters.Add(CliParameters.Text(TimeInForce));
        parameters.Add(CliParameters.Timestamp(Expiry?.At));
        parameters.Add(CliParameters.Interval(Expiry?.After));
        parameters.Add(CliParameters.Number(StopLoss));
        parameters.Add(CliParameters.Number(TakeProfit));
        parameters.Add(CliParameters.Text(ExitUnit));
        parameters.Add(CliParameters.Flag(ReduceOnly));
    }
}
