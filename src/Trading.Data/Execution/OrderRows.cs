using Npgsql;
using Trading.Engine.Orders.Resting;

namespace Trading.Data.Execution;

/// <summary>Reads paper_orders rows and the order columns of trading_decisions into the engine's types.</summary>
internal static class OrderRows
{
    /// <summary>A row of ExecutionStore's working-orders query.</summary>
    public static RestingOrder Read(NpgsqlDataReader reader)
    {
        var quantity = reader.GetDecimal(6);
        var filled = reader.GetDecimal(7);
        var role = SqlText.OrderRoles.Parse(reader.GetString(19));
        var percent = !reader.IsDBNull(29) && reader.GetString(29) == "percent";
        return new RestingOrder
        {
            Id = reader.GetInt64(0),
            AccountId = reader.GetString(1),
            Symbol = reader.GetString(2),
            Side = SqlText.Sides.Parse(reader.GetString(3)),
            Type = SqlText.OrderTypes.Parse(reader.GetString(4)),
            TimeInForce = SqlText.TimesInForce.Parse(reader.GetString(5)),
            Quantity = quantity - filled,
            FilledQuantity = filled,
            AverageFillPrice = ExecutionStore.NullableDecimal(reader, 8),
            LimitPrice = ExecutionStore.NullableDecimal(reader, 9),
            StopPrice = ExecutionStore.NullableDecimal(reader, 10),
            TrailingOffset = ExecutionStore.NullableDecimal(reader, 11),
            TrailingIsPercent = reader.GetBoolean(12),
            BestPriceSincePlacement = ExecutionStore.NullableDecimal(reader, 13),
            Triggered = reader.GetBoolean(14),
            ExpiresAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
            PlacedAt = reader.GetFieldValue<DateTimeOffset>(16),
            OcoGroup = reader.IsDBNull(17) ? null : reader.GetInt64(17),
            ParentDecisionId = reader.IsDBNull(18) ? null : reader.GetInt64(18),
            Role = role,
            ReduceOnly = reader.GetBoolean(20),
            EvaluatedThrough = reader.IsDBNull(21) ? null : reader.GetFieldValue<DateTimeOffset>(21),
            Status = SqlText.OrderStatuses.Parse(reader.GetString(22)),
            StatusReason = ExecutionStore.NullableString(reader, 23),
            Agent = ExecutionStore.NullableString(reader, 24),
            Strategy = ExecutionStore.NullableString(reader, 25),
            Login = ExecutionStore.NullableString(reader, 30),
            // Only an entry that has not filled yet still has exits to attach.
            Bracket = role == OrderRole.Entry && filled == 0m
                ? Bracket(ExecutionStore.NullableDecimal(reader, 26), ExecutionStore.NullableDecimal(reader, 27), Level(ExecutionStore.NullableDecimal(reader, 28), percent), percent)
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
