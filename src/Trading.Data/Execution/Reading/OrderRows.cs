using Trading.Engine.Orders.Resting;

namespace Trading.Data.Execution.Reading;

/// <summary>Reads paper_orders rows and the order columns of trading_decisions into the engine's types.</summary>
internal static class OrderRows
{
    /// <summary>A row of the working-orders query: the paper_orders columns, then what the order's decision asked for.</summary>
    public static RestingOrder Read(NamedColumns row)
    {
        var quantity = row.Decimal("quantity");
        var filled = row.Decimal("filled_quantity");
        var role = SqlText.OrderRoles.Parse(row.Text("role"));
        var percent = row.NullableText("exit_unit") == "percent";
        return new RestingOrder
        {
            Id = row.Int64("order_id"),
            AccountId = row.Text("account"),
            Symbol = row.Text("symbol"),
            Side = SqlText.Sides.Parse(row.Text("side")),
            Type = SqlText.OrderTypes.Parse(row.Text("order_type")),
            TimeInForce = SqlText.TimesInForce.Parse(row.Text("time_in_force")),
            Quantity = quantity - filled,
            FilledQuantity = filled,
            AverageFillPrice = row.NullableDecimal("avg_fill_price"),
            LimitPrice = row.NullableDecimal("limit_price"),
            StopPrice = row.NullableDecimal("stop_price"),
            TrailingOffset = row.NullableDecimal("trailing_offset"),
            TrailingIsPercent = row.Boolean("trailing_is_percent"),
            BestPriceSincePlacement = row.NullableDecimal("best_price"),
            Triggered = row.Boolean("triggered"),
            ExpiresAt = row.NullableTime("expires_at"),
            PlacedAt = row.Time("created_at"),
            OcoGroup = row.NullableInt64("oco_group"),
            ParentDecisionId = row.NullableInt64("parent_decision_id"),
            Role = role,
            ReduceOnly = row.Boolean("reduce_only"),
            EvaluatedThrough = row.NullableTime("evaluated_through"),
            QueueAhead = row.NullableDecimal("queue_ahead"),
            Status = SqlText.OrderStatuses.Parse(row.Text("status")),
            StatusReason = row.NullableText("reason"),
            Agent = row.NullableText("agent"),
            Strategy = row.NullableText("strategy"),
            Login = row.NullableText("login"),
            // Only an entry that has not filled yet still has exits to attach.
            Bracket = role == OrderRole.Entry && filled == 0m
                ? Bracket(row.NullableDecimal("stop_loss"), row.NullableDecimal("take_profit"), Level(row.NullableDecimal("exit_trailing_offset"), percent), percent)
                : null,
        };
    }

    /// <summary>A stop-loss/take-profit/trailing column in its unit: 'percent' (5 = 5 %) becomes a fraction.</summary>
    public static ExitLevel? Level(decimal? value, bool percent) =>
        value is not { } v ? null : percent ? ExitLevel.AtFraction(v / 100m) : ExitLevel.AtPrice(v);

    public static BracketSpec? Bracket(decimal? stopLoss, decimal? takeProfit, ExitLevel? trailing, bool percent)
    {
        var spec = new BracketSpec(Level(stopLoss, percent), Level(takeProfit, percent), trailing);
        return spec.IsEmpty ? null : spec;
    }
}
