namespace Trading.Strategies.Conditions;

/// <summary>How a condition compares its left side with its right side; names in <see cref="ComparisonOperators"/>.</summary>
internal enum ComparisonOperator
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,

    /// <summary>Previous bar left ≤ right, this bar left &gt; right.</summary>
    CrossesAbove,

    /// <summary>Previous bar left ≥ right, this bar left &lt; right.</summary>
    CrossesBelow,
}
