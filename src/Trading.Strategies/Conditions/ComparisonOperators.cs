namespace Trading.Strategies.Conditions;

/// <summary>The operators' names as a config spells them, in one place.</summary>
internal static class ComparisonOperators
{
    private static readonly (string Name, ComparisonOperator Operator)[] Table =
    [
        ("lt", ComparisonOperator.LessThan),
        ("lte", ComparisonOperator.LessOrEqual),
        ("gt", ComparisonOperator.GreaterThan),
        ("gte", ComparisonOperator.GreaterOrEqual),
        ("crosses_above", ComparisonOperator.CrossesAbove),
        ("crosses_below", ComparisonOperator.CrossesBelow),
    ];

    private static readonly string[] NameList = Table.Select(t => t.Name).ToArray();

    public static IReadOnlyList<string> Names => NameList;

    public static bool TryParse(string? name, out ComparisonOperator op)
    {
        foreach (var (text, value) in Table)
        {
            if (text == name)
            {
                op = value;
                return true;
            }
        }

        op = default;
        return false;
    }

    public static string Name(ComparisonOperator op) => Array.Find(Table, t => t.Operator == op).Name;

    public static bool IsCrossing(ComparisonOperator op) =>
        op is ComparisonOperator.CrossesAbove or ComparisonOperator.CrossesBelow;
}
