namespace Trading.Data.Citus;

/// <summary>A trigger the Citus mode drops because it cannot work on a distributed or reference table, and what replaces it.</summary>
public sealed record CitusTriggerDrop(string Table, string Trigger, string Consequence);
