using Trading.Data.Execution.Writing;
using Trading.Testing;

namespace Trading.Data.Tests.Execution;

/// <summary>
/// Each table the batch writer declares (<see cref="BatchTables"/>) against the migrated schema: every stored column
/// exists with the declared type, and a declared function takes exactly the declared arrays. A migration that renames
/// or retypes a written column fails here, not in the first batch that writes it.
/// </summary>
public sealed class WriteTableSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string ColumnTypeSql = """
        SELECT format_type(a.atttypid, NULL) = format_type($3::regtype, NULL)
        FROM pg_attribute a
        WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped
        """;

    public static TheoryData<int> Declarations => [.. Enumerable.Range(0, BatchTables.All.Count)];

    [Theory]
    [MemberData(nameof(Declarations))]
    public async Task Declaration_MatchesMigratedSchema(int index)
    {
        var table = BatchTables.All[index];
        var isTable = await fixture.Database.ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", table.Name);
        if (!isTable)
        {
            var signature = $"{table.Name}({string.Join(", ", table.Columns.Select(c => c.SqlType + "[]"))})";
            Assert.True(await fixture.Database.ScalarAsync<bool>("SELECT to_regprocedure($1) IS NOT NULL", signature), $"no table or function {signature}");
            return;
        }

        foreach (var (name, type, inTable) in table.Columns.Where(c => c.InTable))
        {
            var rows = await fixture.Database.QueryAsync(ColumnTypeSql, table.Name, name, type);
            Assert.True(rows.Count == 1, $"{table.Name} has no column {name}");
            Assert.True(rows[0].Values.Single() is true, $"{table.Name}.{name} is not {type}");
        }
    }

    [Fact]
    public void Insert_FillsDeclaration_ColumnsAndCastsInDeclarationOrder()
    {
        var sql = BatchStatements.Fills;

        Assert.StartsWith("INSERT INTO paper_fills (fill_id, order_id, account, epoch, symbol, side, quantity, price,", sql, StringComparison.Ordinal);
        Assert.Contains("latency, book, book_time, book_level, book_levels, impact, filled_at)", sql, StringComparison.Ordinal);
        Assert.Contains("unnest($1::bigint[], $2::bigint[], $3::text[]", sql, StringComparison.Ordinal);
        Assert.Contains("$26::interval[], $27::text[], $28::timestamptz[], $29::integer[], $30::integer[], $31::text[]) AS r(", sql, StringComparison.Ordinal);
        Assert.Contains("r.impact, $32", sql, StringComparison.Ordinal);
    }
}
