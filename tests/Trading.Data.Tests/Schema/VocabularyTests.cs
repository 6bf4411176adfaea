using System.Text.RegularExpressions;
using Trading.Data.Execution;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Each enumeration's SQL spelling (<see cref="SqlText"/>) is exactly what the column's CHECK constraint allows, so a
/// migration that adds a status and C# that does not know it (or the reverse) fails here rather than at run time.
/// </summary>
public sealed partial class VocabularyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // The single-column CHECK expressions on a column.
    private const string ChecksSql = """
        SELECT pg_get_expr(k.conbin, k.conrelid)
        FROM pg_constraint k
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND k.conkey = ARRAY[a.attnum]
        WHERE k.conrelid = $1::regclass AND a.attname = $2 AND k.contype = 'c'
        """;

    // The name of the SqlText table per column. The ledger's kinds are the engine's (trade, fee) plus funding's, which
    // only SQL functions write (deposit, withdrawal, adjustment): there the engine's vocabulary is a subset.
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Vocabularies = new(StringComparer.Ordinal)
    {
        [nameof(SqlText.Actions)] = SqlText.Actions.Texts,
        [nameof(SqlText.DecisionStatuses)] = SqlText.DecisionStatuses.Texts,
        [nameof(SqlText.OrderTypes)] = SqlText.OrderTypes.Texts,
        [nameof(SqlText.TimesInForce)] = SqlText.TimesInForce.Texts,
        [nameof(SqlText.Sides)] = SqlText.Sides.Texts,
        [nameof(SqlText.OrderStatuses)] = SqlText.OrderStatuses.Texts,
        [nameof(SqlText.OrderRoles)] = SqlText.OrderRoles.Texts,
        [nameof(SqlText.Liquidity)] = SqlText.Liquidity.Texts,
        [nameof(SqlText.LiquidityModels)] = SqlText.LiquidityModels.Texts,
        [nameof(SqlText.PositionSides)] = SqlText.PositionSides.Texts,
        [nameof(SqlText.LedgerKinds)] = SqlText.LedgerKinds.Texts,
        [nameof(SqlText.LimitFillModels)] = SqlText.LimitFillModels.Texts,
    };

    public static TheoryData<string, string, string> Columns => new()
    {
        { "trading_decisions", "decision", nameof(SqlText.Actions) },
        { "trading_decisions", "status", nameof(SqlText.DecisionStatuses) },
        { "trading_decisions", "order_type", nameof(SqlText.OrderTypes) },
        { "trading_decisions", "time_in_force", nameof(SqlText.TimesInForce) },
        { "accounts", "limit_fill_model", nameof(SqlText.LimitFillModels) },
        { "paper_orders", "side", nameof(SqlText.Sides) },
        { "paper_orders", "order_type", nameof(SqlText.OrderTypes) },
        { "paper_orders", "time_in_force", nameof(SqlText.TimesInForce) },
        { "paper_orders", "status", nameof(SqlText.OrderStatuses) },
        { "paper_orders", "role", nameof(SqlText.OrderRoles) },
        { "paper_fills", "side", nameof(SqlText.Sides) },
        { "paper_fills", "liquidity", nameof(SqlText.Liquidity) },
        { "paper_positions", "side", nameof(SqlText.PositionSides) },
        { "paper_ledger", "kind", nameof(SqlText.LedgerKinds) },
        { "accounts", "liquidity_model", nameof(SqlText.LiquidityModels) },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Vocabulary_EachColumn_ExactlyWhatItsCheckAllows(string table, string column, string vocabulary)
    {
        var texts = Vocabularies[vocabulary];
        var checks = await fixture.Database.QueryAsync(ChecksSql, table, column);

        var allowed = checks.SelectMany(c => Literal().Matches((string)c.Values.Single()!).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.True(allowed.Count > 0, $"{table}.{column} has no CHECK listing its values");
        if (vocabulary == nameof(SqlText.LedgerKinds))
        {
            Assert.Subset(allowed, texts.ToHashSet(StringComparer.Ordinal));
            Assert.Equal(["adjustment", "deposit", "withdrawal"], allowed.Except(texts).Order(StringComparer.Ordinal));
            return;
        }

        Assert.Equal(allowed.Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WorkingOrderStatuses_SameAsTheWorkingIndexPredicate()
    {
        // The queries that look for working orders must imply the partial index's predicate for the planner to use it.
        var predicate = await fixture.Database.ScalarAsync<string>(
            "SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i WHERE i.indexrelid = 'paper_orders_working_idx'::regclass");
        var indexed = Literal().Matches(predicate).Select(m => m.Groups[1].Value);

        Assert.Equal("('open', 'partially_filled')", SqlText.WorkingOrderStatuses);
        Assert.Equal(["open", "partially_filled"], indexed);
    }

    [Fact]
    public void Parse_UnknownText_ThrowsNamingTheKnownOnes()
    {
        var error = Assert.Throws<InvalidDataException>(() => SqlText.OrderStatuses.Parse("partly_filled"));

        Assert.Equal("unknown OrderStatus 'partly_filled' (known: new, open, partially_filled, filled, canceled, rejected, expired)", error.Message);
    }

    [Fact]
    public void Vocabulary_AValueWithoutText_RefusedWhenDeclared()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqlVocabulary<DayOfWeek>((DayOfWeek.Monday, "mon")));

        Assert.StartsWith("DayOfWeek has no SQL text for Sunday, Tuesday", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"'((?:[^']|'')*)'::text")]
    private static partial Regex Literal();
}
