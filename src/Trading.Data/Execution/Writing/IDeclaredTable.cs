namespace Trading.Data.Execution.Writing;

/// <summary>A declared table (or function taking one array per column) without its row type: what the schema check reads.</summary>
internal interface IDeclaredTable
{
    string Name { get; }

    /// <summary>Each column's name, PostgreSQL type, and whether the table stores it under that name.</summary>
    IEnumerable<(string Name, string SqlType, bool InTable)> Columns { get; }
}
