using System.Globalization;
using System.Text.Json;

namespace Trading.Orchestrator.Feeds.Exchange;

/// <summary>
/// Parses Binance bookTicker JSON: a stream frame {"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}, optionally wrapped
/// as {"stream":..,"data":{..}}, and the REST snapshot array [{"symbol":..,"bidPrice":..,"bidQty":..,..}].
/// Prices are decimal strings; anything else is malformed.
/// </summary>
public static class BookTickerParser
{
    /// <summary>One top-of-book update.</summary>
    public readonly record struct Update(string Symbol, long? UpdateId, decimal Bid, decimal BidSize, decimal Ask, decimal AskSize);

    /// <summary>Parses a stream frame; false when it is not a bookTicker update (e.g. a subscription reply).</summary>
    public static bool TryParseFrame(ReadOnlySpan<byte> frame, out Update update)
    {
        update = default;
        using var document = JsonDocument.Parse(frame.ToArray());
        var data = document.RootElement.TryGetProperty("data", out var wrapped) ? wrapped : document.RootElement;
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("s", out var symbol))
        {
            return false;
        }

        update = new Update(
            symbol.GetString() ?? throw new FormatException("The symbol is null."),
            data.GetProperty("u").GetInt64(),
            Decimal(data, "b"), Decimal(data, "B"), Decimal(data, "a"), Decimal(data, "A"));
        return true;
    }

    public static IReadOnlyList<Update> ParseSnapshot(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var items = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().ToList()
            : [document.RootElement];
        return items.Select(e => new Update(
            e.GetProperty("symbol").GetString() ?? throw new FormatException("The symbol is null."),
            null,
            Decimal(e, "bidPrice"), Decimal(e, "bidQty"), Decimal(e, "askPrice"), Decimal(e, "askQty"))).ToList();
    }

    private static decimal Decimal(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null."), NumberStyles.Float, CultureInfo.InvariantCulture);
}
