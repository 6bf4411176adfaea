namespace Trading.Data.Execution;

/// <summary>One typed column of a <see cref="RowSet"/>.</summary>
internal sealed class Column<T> : RowSet.IColumn
{
    private readonly List<T> values = [];

    public void Add(T value) => values.Add(value);

    public object ToArray() => values.ToArray();
}
