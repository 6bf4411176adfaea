using Trading.Strategies.Bars;

namespace Trading.Strategies.Conditions;

/// <summary>A value of the bar itself: <c>close</c>, <c>open</c>, <c>high</c>, <c>low</c> or <c>volume</c>.</summary>
internal sealed record PriceOperand(string Field) : Operand
{
    /// <summary>What a condition's <c>indicator</c> says to compare a bar value ("price"); no indicator may take this id.</summary>
    public const string IndicatorName = "price";

    private static readonly (string Name, Func<Bar, decimal> Read)[] Table =
    [
        ("close", bar => bar.Close),
        ("open", bar => bar.Open),
        ("high", bar => bar.High),
        ("low", bar => bar.Low),
        ("volume", bar => bar.Volume),
    ];

    private static readonly string[] FieldList = Table.Select(t => t.Name).ToArray();

    public static IReadOnlyList<string> Fields => FieldList;

    public decimal Read(Bar bar) =>
        Array.Find(Table, t => t.Name == Field).Read?.Invoke(bar)
        ?? throw new InvalidOperationException($"'{Field}' is not a bar value; the parser accepts only {string.Join(", ", FieldList)}.");

    public override string ToString() => Field;
}
