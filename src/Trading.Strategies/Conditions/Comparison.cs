namespace Trading.Strategies.Conditions;

/// <summary><c>left operator right</c>, e.g. <c>rsi.value lt 30</c> or <c>ema_fast.value crosses_above ema_slow.value</c>.</summary>
internal sealed record Comparison(Operand Left, ComparisonOperator Operator, Operand Right) : Condition;
