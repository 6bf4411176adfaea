using Trading.Strategies.Conditions;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// Evaluates a condition tree on a bar and lists, for the reasoning text, the comparisons that made it true. A crossing
/// is false when there is no previous frame (the first defined bar cannot have crossed anything).
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(Condition condition, BarFrame current, BarFrame? previous, List<string> fired) => condition switch
    {
        Comparison comparison => Compare(comparison, current, previous, fired),
        ConditionGroup group => Group(group, current, previous, fired),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Not a condition the parser builds."),
    };

    private static bool Group(ConditionGroup group, BarFrame current, BarFrame? previous, List<string> fired)
    {
        // Every member is evaluated (no short-circuit), so an "any" group reports each member that held.
        var held = new List<string>();
        var trueCount = 0;
        foreach (var member in group.Members)
        {
            if (Evaluate(member, current, previous, held))
            {
                trueCount++;
            }
        }

        var isTrue = group.RequiresAll ? trueCount == group.Members.Count : trueCount > 0;
        if (isTrue)
        {
            fired.AddRange(held);
        }

        return isTrue;
    }

    private static bool Compare(Comparison comparison, BarFrame current, BarFrame? previous, List<string> fired)
    {
        var left = current.Resolve(comparison.Left);
        var right = current.Resolve(comparison.Right);
        bool isTrue;
        var text = $"{Describe(comparison.Left, left)} {ComparisonOperators.Name(comparison.Operator)} {Describe(comparison.Right, right)}";
        switch (comparison.Operator)
        {
            case ComparisonOperator.LessThan:
                isTrue = left < right;
                break;
            case ComparisonOperator.LessOrEqual:
                isTrue = left <= right;
                break;
            case ComparisonOperator.GreaterThan:
                isTrue = left > right;
                break;
            case ComparisonOperator.GreaterOrEqual:
                isTrue = left >= right;
                break;
            default:
                if (previous is null)
                {
                    return false;
                }

                var leftBefore = previous.Resolve(comparison.Left);
                var rightBefore = previous.Resolve(comparison.Right);
                isTrue = comparison.Operator == ComparisonOperator.CrossesAbove
                    ? leftBefore <= rightBefore && left > right
                    : leftBefore >= rightBefore && left < right;
                text += $" (previous bar {ReasonFormat.Value(leftBefore)} vs {ReasonFormat.Value(rightBefore)})";
                break;
        }

        if (isTrue)
        {
            fired.Add(text);
        }

        return isTrue;
    }

    private static string Describe(Operand operand, decimal value) => operand switch
    {
        ConstantOperand => ReasonFormat.Price(value),
        PriceOperand => $"{operand} {ReasonFormat.Price(value)}",
        _ => $"{operand} {ReasonFormat.Value(value)}",
    };
}
