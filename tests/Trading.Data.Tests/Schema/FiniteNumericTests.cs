using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// No numeric column accepts NaN or ±Infinity: Npgsql cannot read NaN into a decimal, and one such row stalled every
/// batch that read it. Checked over the catalogue, so a column a later migration adds without a check fails here.
/// </summary>
public sealed class FiniteNumericTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] NonFinite = ["NaN", "Infinity", "-Infinity"];

    // Every stored numeric column of every table in public, with the expressions of the CHECKs on it alone. Generated
    // columns are computed from checked ones.
    private const string ColumnsSql = """
        SELECT c.relname AS table_name, a.attname AS column_name,
               array_remove(array_agg(pg_get_expr(k.conbin, k.conrelid) ORDER BY k.conname), NULL) AS checks
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'c' AND k.conkey = ARRAY[a.attnum]
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.atttypid = 'numeric'::regtype
        GROUP BY c.relname, a.attname
        ORDER BY 1, 2
        """;

    [Fact]
    public async Task NumericColumns_EveryOne_HasACheckRefusingNaNAndInfinity()
    {
        var columns = await fixture.Database.QueryAsync(ColumnsSql);
        Assert.True(columns.Count > 50, $"expected the schema's numeric columns, found {columns.Count}");
        var admitted = new List<string>();
        foreach (var column in columns)
        {
            var name = (string)column["column_name"]!;
            var checks = (string[])column["checks"]!;
            foreach (var value in NonFinite)
            {
                if (!await AnyRefusesAsync(checks, name, value))
                {
                    admitted.Add($"{column["table_name"]}.{name} admits {value}");
                }
            }
        }

        Assert.Empty(admitted);
    }

    [Fact]
    public async Task NumericColumns_NewColumnWithoutCheck_Detected()
    {
        // The meta-test's own negative case: a column like the ones 0001 had (`>= 0` admits NaN) is reported.
        Assert.False(await AnyRefusesAsync(["(x >= (0)::numeric)"], "x", "NaN"));
        Assert.True(await AnyRefusesAsync(["((x > '-Infinity'::numeric) AND (x < 'Infinity'::numeric))"], "x", "NaN"));
    }

    [Theory]
    [InlineData("UPDATE accounts SET min_fee = 'NaN' WHERE account = 'default'")]
    [InlineData("UPDATE instruments SET lot_size = 'NaN' WHERE symbol = 'BTC/USDT'")]
    [InlineData("UPDATE accounts SET peak_equity = 'NaN' WHERE account = 'default'")]
    public async Task Update_NaN_Refused(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(sql));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.EndsWith("_finite", error.ConstraintName, StringComparison.Ordinal);
    }

    // A CHECK refuses a row when its expression is false (NULL passes), so the value is refused when any check on the
    // column comes out false for it. Each expression names only this column, so a one-column derived table evaluates it.
    private async Task<bool> AnyRefusesAsync(IEnumerable<string> checks, string column, string value)
    {
        foreach (var check in checks)
        {
            var sql = $"SELECT {check} FROM (SELECT $1::numeric AS \"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\") AS probe";
            if (await fixture.Database.ScalarAsync<bool?>(sql, value) == false)
            {
                return true;
            }
        }

        return false;
    }
}
