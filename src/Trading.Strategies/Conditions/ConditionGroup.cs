namespace Trading.Strategies.Conditions;

/// <summary><c>{"all": [...]}</c> (every member holds) or <c>{"any": [...]}</c> (at least one holds); nestable.</summary>
internal sealed record ConditionGroup(bool RequiresAll, IReadOnlyList<Condition> Members) : Condition;
