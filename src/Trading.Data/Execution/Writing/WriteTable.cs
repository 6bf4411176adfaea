using Npgsql;

namespace Trading.Data.Execution.Writing;

/// <summary>
/// A table (or set-returning call) written from rows of <typeparamref name="TRow"/>, declared once as its columns.
/// The statements are generated from the declaration: each column becomes one typed array parameter, <c>$1..$n</c> in
/// declaration order, unnest-ed under the column's name; scalars (a batch's time) follow as <c>$n+1…</c>.
/// </summary>
internal sealed class WriteTable<TRow> : IDeclaredTable
{
    private readonly WriteColumn<TRow>[] columns;

    public WriteTable(string name, Func<Declaration, IEnumerable<WriteColumn<TRow>>> declare)
    {
        ArgumentNullException.ThrowIfNull(declare);
        Name = name;
        columns = [.. declare(new Declaration())];
        var repeated = columns.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new ArgumentException($"{name} declares {string.Join(", ", repeated)} more than once.", nameof(declare));
        }
    }

    public string Name { get; }

    public IReadOnlyList<WriteColumn<TRow>> Columns => columns;

    IEnumerable<(string Name, string SqlType, bool InTable)> IDeclaredTable.Columns => columns.Select(c => (c.Name, c.SqlType, c.InTable));

    /// <summary>The placeholder of the k-th scalar (1-based) passed after the columns.</summary>
    public string Scalar(int k) => $"${columns.Length + k}";

    /// <summary><c>unnest($1::bigint[], …) AS alias(name, …)</c>.</summary>
    public string Unnest(string alias) =>
        $"unnest({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.SqlType}[]"))}) AS {alias}({string.Join(", ", columns.Select(c => c.Name))})";

    /// <summary>
    /// <c>INSERT INTO table (declared table columns, extra columns) SELECT …</c> from the unnest-ed rows; each extra is a
    /// column and the SQL of its value (a scalar placeholder, a constant, another row column under alias <c>r</c>).
    /// </summary>
    public string Insert(params (string Column, string Value)[] extra)
    {
        var stored = columns.Where(c => c.InTable).Select(c => c.Name).ToList();
        return $"INSERT INTO {Name} ({string.Join(", ", stored.Concat(extra.Select(e => e.Column)))})\n" +
               $"SELECT {string.Join(", ", stored.Select(c => "r." + c).Concat(extra.Select(e => e.Value)))}\nFROM {Unnest("r")}";
    }

    /// <summary><c>column = alias.column</c> for every declared table column but the key(s).</summary>
    public string Assignments(string alias, params string[] keys) =>
        string.Join(", ", columns.Where(c => c.InTable && !keys.Contains(c.Name, StringComparer.Ordinal)).Select(c => $"{c.Name} = {alias}.{c.Name}"));

    /// <summary><c>SELECT function($1::type[], …)</c>: the declared columns are the function's array arguments.</summary>
    public string Call() => $"SELECT {Name}({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.SqlType}[]"))})";

    /// <summary>The statement with the rows as its column arrays, then the scalars.</summary>
    public NpgsqlBatchCommand Command(string sql, IReadOnlyList<TRow> rows, params object[] scalars)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scalars);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in columns)
        {
            command.Parameters.Add(column.Parameter(rows));
        }

        foreach (var scalar in scalars)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = scalar });
        }

        return command;
    }

    /// <summary>Declares the columns: the value's C# type gives the PostgreSQL type.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance, so a declaration's lambdas infer the row type from it.")]
    public sealed class Declaration
    {
        internal Declaration()
        {
        }

        /// <summary>A column of the table.</summary>
        public WriteColumn<TRow> Column<TValue>(string name, Func<TRow, TValue> read) => new WriteColumn<TRow, TValue>(name, read, inTable: true);

        /// <summary>A value the statement uses but does not store under this name (a guard, a flag).</summary>
        public WriteColumn<TRow> Value<TValue>(string name, Func<TRow, TValue> read) => new WriteColumn<TRow, TValue>(name, read, inTable: false);
    }
}
