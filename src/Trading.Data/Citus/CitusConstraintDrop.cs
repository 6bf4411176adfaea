namespace Trading.Data.Citus;

/// <summary>A constraint the Citus mode drops because Citus cannot keep it, and what stops working meanwhile.</summary>
public sealed record CitusConstraintDrop(string Table, string Constraint, string Consequence);
