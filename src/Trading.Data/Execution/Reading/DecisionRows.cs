using Trading.Engine.Execution;
using Trading.Engine.Primitives;

namespace Trading.Data.Execution.Reading;

/// <summary>Reads a pending trading_decisions row (every column, by name) into the engine's request.</summary>
internal static class DecisionRows
{
    public static PendingDecision Read(NamedColumns row)
    {
        var percent = row.Text("exit_unit") == "percent";
        var trailing = OrderRows.Level(row.NullableDecimal("trailing_offset"), percent);
        var type = SqlText.OrderTypes.Parse(row.Text("order_type"));
        var isTrailingOrder = type == OrderType.TrailingStop;
        var request = new DecisionRequest(
            row.Int64("id"),
            row.Text("symbol"),
            SqlText.Actions.Parse(row.Text("decision")),
            row.Decimal("confidence"),
            row.NullableDecimal("risk_score"),
            row.NullableDecimal("quantity"),
            row.NullableDecimal("notional"),
            type,
            row.NullableDecimal("current_price"),
            row.Time("created_at"),
            Agent: row.NullableText("agent"),
            LimitPrice: row.NullableDecimal("limit_price"),
            StopPrice: row.NullableDecimal("stop_price"),
            TrailingOffset: isTrailingOrder ? trailing : null,
            TimeInForce: SqlText.TimesInForce.Parse(row.Text("time_in_force")),
            ExpiresAt: row.NullableTime("expires_at"),
            Bracket: OrderRows.Bracket(row.NullableDecimal("stop_loss"), row.NullableDecimal("take_profit"), isTrailingOrder ? null : trailing, percent),
            Login: row.NullableText("login"),
            Strategy: row.NullableText("strategy"),
            ReduceOnly: row.Boolean("reduce_only"));
        return new PendingDecision(request, row.Int32("attempts"), row.NullableTime("price_as_of"));
    }
}
