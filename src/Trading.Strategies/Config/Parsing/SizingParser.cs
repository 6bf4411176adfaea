using System.Text.Json;

namespace Trading.Strategies.Config.Parsing;

/// <summary>Reads <c>sizing: {confidence?, risk_score?, quantity? | notional?}</c>; absent means <see cref="StrategySizing.Default"/>.</summary>
internal static class SizingParser
{
    private const string Path = "$.sizing";
    private static readonly string[] Keys = ["confidence", "risk_score", "quantity", "notional"];

    public static StrategySizing? Parse(ConfigReader reader, JsonElement root)
    {
        if (!ConfigReader.TryGet(root, "sizing", out var sizing))
        {
            return StrategySizing.Default;
        }

        if (!reader.ExpectObject(sizing, Path, $"any of {ConfigReader.List(Keys)}"))
        {
            return null;
        }

        reader.CheckKeys(sizing, Path, Keys);
        var confidence = reader.ReadNumber(sizing, Path, "confidence", n => n > 0m && n <= 1m, "a number greater than 0 and at most 1");
        var risk = reader.ReadNumber(sizing, Path, "risk_score", n => n >= 0m && n <= 1m, "a number from 0 to 1");
        var quantity = reader.ReadNumber(sizing, Path, "quantity", n => n > 0m, "a number greater than 0 (base units per entry)");
        var notional = reader.ReadNumber(sizing, Path, "notional", n => n > 0m, "a number greater than 0 (quote currency per entry)");
        if (quantity is not null && notional is not null)
        {
            reader.Add(Path, "gives both quantity and notional; give at most one of them (or neither, and the sizer decides).");
        }

        return new StrategySizing(confidence ?? StrategySizing.DefaultConfidence, risk, quantity, notional);
    }
}
