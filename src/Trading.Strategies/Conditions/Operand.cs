namespace Trading.Strategies.Conditions;

/// <summary>One side of a comparison: an indicator field, a bar price, or a number.</summary>
internal abstract record Operand;
