using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Conventions;
using Trading.Data.Client;
using Trading.Data.Client.Compiled;
using Trading.Testing;

namespace Trading.Data.Tests.Client;

/// <summary>
/// The typed client and the migrated schema stay in step, so a migration cannot silently break a C# agent: every mapped
/// column exists with the type the entity reads; a view's entity maps all its columns in the view's order (the CLI and
/// the MCP server print them so); the columns EF writes are exactly those the agent role may insert; and the committed
/// compiled model is the one the code describes.
/// </summary>
public sealed class ModelSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // The model a context runs with (the compiled one, initialised for the provider); building it connects nowhere.
    private static readonly IModel Compiled = RuntimeModel();

    public static TheoryData<string> EntityTypes => [.. Compiled.GetEntityTypes().Select(e => e.ClrType.Name)];

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public async Task MappedColumns_ExistInMigratedSchema_WithTheTypeNpgsqlReads(string entityName)
    {
        var entity = Entity(entityName);
        var relation = Relation(entity);
        // What a raw reader returns for each column is what the entity must hold: the printed values then match.
        await using var command = fixture.Database.DataSource.CreateCommand($"SELECT * FROM {relation} LIMIT 0");
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => (Type: reader.GetFieldType(i), Store: reader.GetDataTypeName(i)));

        foreach (var property in entity.GetProperties())
        {
            var column = property.GetColumnName();
            Assert.True(columns.ContainsKey(column), $"{relation} has no column {column} ({entity.ClrType.Name}.{property.Name})");
            Assert.True(columns[column].Type == (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType),
                $"{relation}.{column} is {columns[column].Store}, read as {columns[column].Type.Name}; {entity.ClrType.Name}.{property.Name} is {property.ClrType.Name}");
            Assert.StartsWith(property.GetRelationalTypeMapping().StoreType.Split('(')[0], columns[column].Store, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public async Task NonNullableProperties_MapNotNullTableColumns(string entityName)
    {
        var entity = Entity(entityName);
        if (entity.GetTableName() is not { } table)
        {
            return;
        }

        foreach (var property in entity.GetProperties().Where(p => !p.IsNullable))
        {
            Assert.True(await fixture.Database.ScalarAsync<bool>(
                "SELECT NOT is_nullable::boolean FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2",
                table, property.GetColumnName()), $"{table}.{property.GetColumnName()} may be NULL; {entity.ClrType.Name}.{property.Name} may not");
        }
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public async Task KeylessEntity_MapsEveryViewColumn_InViewOrder(string entityName)
    {
        var entity = Entity(entityName);
        if (entity.GetViewName() is not { } view)
        {
            return;
        }

        var viewColumns = await ColumnsAsync(view);
        var declared = entity.ClrType.GetProperties().OrderBy(p => p.MetadataToken).Select(p => entity.FindProperty(p.Name)!.GetColumnName());
        Assert.Equal(viewColumns, declared);
    }

    [Theory]
    [InlineData(nameof(TradingDecision), "trading_decisions")]
    [InlineData(nameof(PaperCancelRequest), "paper_cancel_requests")]
    public async Task WrittenColumns_AreExactlyTheAgentRolesInsertGrant(string entityName, string table)
    {
        var written = Entity(entityName).GetProperties()
            .Where(p => p.ValueGenerated != ValueGenerated.OnAddOrUpdate && !p.IsPrimaryKey())
            .Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);
        var granted = await fixture.Database.QueryAsync("""
            SELECT column_name FROM information_schema.column_privileges
            WHERE grantee = 'trading_agent' AND privilege_type = 'INSERT' AND table_name = $1 ORDER BY column_name COLLATE "C"
            """, table);
        Assert.Equal(granted.Select(r => (string)r["column_name"]!), written);
        // The key is an identity the database generates ALWAYS: it refuses a client value by itself.
        Assert.All(Entity(entityName).GetProperties().Where(p => p.ValueGenerated == ValueGenerated.OnAddOrUpdate),
            p => Assert.Equal(PropertySaveBehavior.Ignore, p.GetBeforeSaveBehavior()));
    }

    [Fact]
    public void CompiledModel_IsTheModelTheCodeDescribes()
    {
        var builder = NpgsqlConventionSetBuilder.CreateModelBuilder();
        TradingDbContext.Configure(builder);
        var fromCode = (IModel)builder.FinalizeModel();

        Assert.Equal(string.Join('\n', Describe(fromCode)), string.Join('\n', Describe(Compiled)));
    }

    [Fact]
    public async Task Context_UsesTheCompiledModel()
    {
        await using var context = TradingDbContext.Create(fixture.Database.DataSource);
        Assert.Same(TradingDbContextModel.Instance, context.Model);
    }

    private static IModel RuntimeModel()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=model-only");
        using var context = TradingDbContext.Create(dataSource);
        return context.Model;
    }

    private static IEntityType Entity(string name) => Compiled.GetEntityTypes().Single(e => e.ClrType.Name == name);

    private static string Relation(IEntityType entity) => entity.GetTableName() ?? entity.GetViewName()!;

    private async Task<List<string>> ColumnsAsync(string relation) =>
        (await fixture.Database.QueryAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", relation))
        .Select(r => (string)r["column_name"]!).ToList();

    // What the compiled model must reproduce: names, mapping, types and how each column is written.
    private static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e =>
            e.GetProperties().Select(p => string.Join(' ', e.Name, e.GetTableName(), e.GetViewName(), e.FindPrimaryKey()?.Properties.Single().Name,
                p.Name, p.GetColumnName(), p.ClrType, p.IsNullable, p.ValueGenerated, p.GetBeforeSaveBehavior(), p.GetAfterSaveBehavior(),
                p.FindAnnotation("Npgsql:ValueGenerationStrategy")?.Value ?? NpgsqlValueGenerationStrategy.None)))];
}
