using Npgsql;

namespace Trading.Data.Execution;

/// <summary>Column-wise rows for one unnest-ed statement: each column becomes one typed array parameter.</summary>
internal sealed class RowSet(params RowSet.IColumn[] columns)
{
    public interface IColumn
    {
        object ToArray();
    }

    public int Count { get; private set; }

    /// <summary>Counts a row whose values were added to every column.</summary>
    public void EndRow() => Count++;

    /// <summary>The statement with the columns as $1..$n and the scalars after them.</summary>
    public NpgsqlBatchCommand ToCommand(string sql, params object[] scalars)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column.ToArray() });
        }

        foreach (var scalar in scalars)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = scalar });
        }

        return command;
    }
}
