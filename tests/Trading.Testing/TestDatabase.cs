using Npgsql;

namespace Trading.Testing;

/// <summary>A database of its own for one test class, dropped when the class is done.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    internal TestDatabase(TestCluster cluster, string name, string connectionString)
        : this(name, connectionString, () => cluster.DropDatabaseAsync(name))
    {
    }

    /// <summary>A database some other server holds (a Citus cluster, a container), dropped by <paramref name="drop"/>.</summary>
    internal TestDatabase(string name, string connectionString, Func<Task> drop)
    {
        this.drop = drop;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public async Task<int> ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows as dictionaries keyed by column name: small result sets for assertions.</summary>
    public async Task<List<Dictionary<string, object?>>> QueryAsync(string sql, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The rows of invariants(): empty when the accounting holds. An audit over every row, not a hot path: on a class's
    /// shared database after a load test (tens of thousands of book-walk fills) it may take longer than the default 30 s
    /// command timeout on a loaded machine.
    /// </summary>
    public async Task<List<string>> InvariantViolationsAsync()
    {
        await using var command = Command("SELECT account, invariant, detail FROM invariants()", []);
        command.CommandTimeout = 300;
        await using var reader = await command.ExecuteReaderAsync();
        var violations = new List<string>();
        while (await reader.ReadAsync())
        {
            violations.Add($"{reader.GetValue(0)}: {reader.GetValue(1)}: {(reader.IsDBNull(2) ? string.Empty : reader.GetString(2))}");
        }

        return violations;
    }

    /// <summary>
    /// Waits until a session of this database running a statement LIKE <paramref name="queryPattern"/> waits for a lock
    /// (one the test holds in another transaction), so the test can release it knowing the statement is queued behind it.
    /// </summary>
    public async Task WaitUntilBlockedAsync(string queryPattern)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await ScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1 AND datname = current_database())",
                    queryPattern))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No session waited for a lock running {queryPattern}.");
    }

    private NpgsqlCommand Command(string sql, object?[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await drop();
    }
}
