using System.CommandLine;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `decide`'s order options: type, prices, time in force, expiry, the bracket's exits and reduce-only. Values the database refuses
/// (a limit order without --limit, a negative price, an unknown type) go to it unchanged, so its constraint names the
/// problem. Checked here are only combinations it would accept but the orchestrator would ignore.
/// </summary>
public sealed class OrderOptions
{
    private static readonly string[] LimitTypes = ["limit", "stop_limit"];
    private static readonly string[] StopTypes = ["stop", "stop_limit"];
    private static readonly string[] KnownTypes = ["market", "limit", "stop", "stop_limit", "trailing_stop"];

    public Option<string?> Type { get; } = new("--type") { Description = "market (default), limit, stop, stop-limit or trailing-stop." };

    public Option<decimal?> Limit { get; } = new("--limit") { Description = "Limit price (limit and stop-limit orders)." };

    public Option<decimal?> Stop { get; } = new("--stop") { Description = "Stop (trigger) price (stop and stop-limit orders)." };

    public Option<decimal?> Trailing { get; } = new("--trailing")
    {
        Description = "Trailing distance: of a trailing-stop order, or else a trailing exit for the position this entry opens.",
    };

    public Option<string?> TimeInForce { get; } = new("--tif") { Description = "gtc (default), day, ioc, fok or gtd." };

    public Option<Expiry?> Expires { get; } = new("--expires")
    {
        Description = "Expiry of a GTD order (implies --tif gtd): a time (2026-11-01T08:00Z) or a duration from now (10m, 2h).",
        CustomParser = Expiry.Parse,
    };

    public Option<decimal?> StopLoss { get; } = new("--stop-loss") { Description = "Bracket: stop-loss exit level for the position this entry opens." };

    public Option<decimal?> TakeProfit { get; } = new("--take-profit") { Description = "Bracket: take-profit exit level." };

    public Option<bool> Percent { get; } = new("--percent")
    {
        Description = "--stop-loss, --take-profit and --trailing are percentages (5 = 5 %) of the entry or best price, not prices.",
    };

    public Option<bool> ReduceOnly { get; } = new("--reduce-only")
    {
        Description = "The order may only reduce the position: capped at it, canceled once it is flat or reversed (CLOSE always is).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Type, Limit, Stop, Trailing, TimeInForce, Expires, StopLoss, TakeProfit, Percent, ReduceOnly })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The order as given, or the message for a bad-arguments exit.</summary>
    public (OrderShape Shape, string? Problem) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var type = parse.GetValue(Type)?.Trim().ToLowerInvariant().Replace('-', '_');
        var tif = parse.GetValue(TimeInForce)?.Trim().ToLowerInvariant();
        var expiry = parse.GetValue(Expires);
        var percent = parse.GetValue(Percent);
        var shape = new OrderShape(
            type, parse.GetValue(Limit), parse.GetValue(Stop), parse.GetValue(Trailing),
            expiry is not null && tif is null ? "gtd" : tif, expiry,
            parse.GetValue(StopLoss), parse.GetValue(TakeProfit), percent ? "percent" : null, parse.GetValue(ReduceOnly));
        return (shape, Problem(shape, percent));
    }

    private static string? Problem(OrderShape shape, bool percent)
    {
        if (shape.Expiry is not null && shape.TimeInForce != "gtd")
        {
            return $"--expires is the expiry of a GTD order: give --tif gtd or leave --tif out (not --tif {shape.TimeInForce}).";
        }

        if (percent && shape.StopLoss is null && shape.TakeProfit is null && shape.TrailingOffset is null)
        {
            return "--percent says what --stop-loss, --take-profit and --trailing mean: give at least one of them.";
        }

        var type = shape.OrderType ?? "market";
        if (!KnownTypes.Contains(type, StringComparer.Ordinal))
        {
            // The database names the allowed types (trading_decisions_order_type_known).
            return null;
        }

        if (shape.LimitPrice is not null && !LimitTypes.Contains(type, StringComparer.Ordinal))
        {
            return $"--limit applies to --type limit or stop-limit, not to a {Spelled(type)} order.";
        }

        return shape.StopPrice is not null && !StopTypes.Contains(type, StringComparer.Ordinal)
            ? $"--stop applies to --type stop or stop-limit, not to a {Spelled(type)} order (a trailing stop takes --trailing)."
            : null;
    }

    private static string Spelled(string type) => type.Replace('_', '-');
}
