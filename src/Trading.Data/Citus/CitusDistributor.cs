using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.Citus;

/// <summary>
/// The Citus mode of the migrator: run after the migrations on the coordinator, it makes the migrated tables reference,
/// distributed or coordinator-local ones as <see cref="CitusPlan"/> says, in one transaction. Foreign keys are taken
/// off first and put back once every table is placed (Citus checks a foreign key's placement when it is created), in
/// sequential mode (a foreign key to a reference table may not follow parallel shard work in one transaction).
/// It refuses, changing nothing, what it cannot do: no citus extension, TimescaleDB in the same database, no node for
/// shards, a table the plan does not know, a policy it cannot rewrite, a half-distributed schema.
/// </summary>
public sealed partial class CitusDistributor(NpgsqlDataSource dataSource, ILogger<CitusDistributor> logger)
{
    private const string PoliciesSql = """
        SELECT tablename::text, policyname::text, permissive, cmd, roles::text[], qual, with_check
        FROM pg_policies WHERE schemaname = 'public' AND (qual ~ 'SELECT' OR with_check ~ 'SELECT')
        ORDER BY tablename, policyname
        """;

    private const string ForeignKeysSql = """
        SELECT c.conrelid::regclass::text, c.conname::text, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))
        ORDER BY c.conrelid::regclass::text, c.conname
        """;

    public async Task<CitusResult> DistributeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await RefuseWithoutCitusAsync(connection, cancellationToken);
        var shardNodes = await ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_dist_node WHERE shouldhaveshards AND isactive AND noderole = 'primary'", cancellationToken);
        if (shardNodes == 0)
        {
            throw new CitusRefusedException(
                "No node may hold shards: add the workers on the coordinator with SELECT citus_add_node('host', port) " +
                "(for a one-node trial: SELECT citus_set_coordinator_host('host', port); " +
                "SELECT citus_set_node_property('host', port, 'shouldhaveshards', true)).");
        }

        var placed = await PlacedTablesAsync(connection, cancellationToken);
        RefuseUnknownTables(await PublicTablesAsync(connection, cancellationToken));
        var shared = CitusPlan.Tables.Where(t => t.Placement != CitusPlacement.CoordinatorLocal).ToList();
        if (shared.All(t => placed.Contains(t.Name)))
        {
            return new CitusResult([], [], (int)shardNodes);
        }

        if (placed.Count > 0)
        {
            throw new CitusRefusedException(
                $"The schema is partly distributed already ({string.Join(", ", placed.Order(StringComparer.Ordinal))}); " +
                "the Citus mode distributes a whole, migrated schema in one transaction. Start from a database migrated without --citus.");
        }

        var policies = await RewritePoliciesAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'", cancellationToken);
            await ExecuteAsync(connection, "SET LOCAL citus.enable_unsafe_triggers TO on", cancellationToken);
            foreach (var policy in policies)
            {
                await ExecuteAsync(connection, policy.Sql, cancellationToken);
            }

            foreach (var drop in CitusPlan.TriggerDrops)
            {
                await ExecuteAsync(connection, $"DROP TRIGGER IF EXISTS {Quote(drop.Trigger)} ON {Quote(drop.Table)}", cancellationToken);
            }

            var foreignKeys = await ForeignKeysAsync(connection, shared.Select(t => t.Name).ToArray(), cancellationToken);
            foreach (var key in foreignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {key.Table} DROP CONSTRAINT {Quote(key.Name)}", cancellationToken);
            }

            foreach (var table in shared)
            {
                await PlaceAsync(connection, table, cancellationToken);
                LogPlaced(table.Name, table.Placement);
            }

            foreach (var key in foreignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {key.Table} ADD CONSTRAINT {Quote(key.Name)} {key.Definition}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new CitusRefusedException(
                $"Citus refused the distribution and nothing was changed (rolled back): {e.SqlState} {e.MessageText}" +
                (string.IsNullOrEmpty(e.Detail) ? string.Empty : $" ({e.Detail})"), e);
        }

        return new CitusResult(shared, policies.Select(p => p.Name).ToList(), (int)shardNodes);
    }

    private static async Task RefuseWithoutCitusAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var extensions = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT extname::text FROM pg_extension", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                extensions.Add(reader.GetString(0));
            }
        }

        if (!extensions.Contains("citus"))
        {
            throw new CitusRefusedException(
                "The citus extension is not installed in this database: on the coordinator and every worker, start PostgreSQL " +
                "with shared_preload_libraries = 'citus' and run CREATE EXTENSION citus in this database, then add the workers.");
        }

        if (extensions.Contains("timescaledb"))
        {
            throw new CitusRefusedException(
                "TimescaleDB is installed in this database, and Citus and TimescaleDB do not share a database: use a database " +
                "without TimescaleDB for the cluster (market data can live on a TimescaleDB server of its own).");
        }
    }

    private static void RefuseUnknownTables(IReadOnlyCollection<string> tables)
    {
        var known = CitusPlan.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = tables.Where(t => !known.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new CitusRefusedException(
                $"The Citus plan has no placement for {string.Join(", ", unknown)}: this build does not know where those tables go " +
                "(CitusPlan.Tables lists every table).");
        }

        var missing = known.Where(t => !tables.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new CitusRefusedException($"Tables of the plan are missing ({string.Join(", ", missing)}): run the migrations first.");
        }
    }

    private static async Task<List<string>> PublicTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await ListAsync(connection, """
            SELECT c.relname::text FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """, cancellationToken);

    private static async Task<HashSet<string>> PlacedTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await ListAsync(connection, "SELECT logicalrelid::regclass::text FROM pg_dist_partition", cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The CREATE POLICY statements that replace the policies Citus would refuse; refuses a policy it cannot rewrite.</summary>
    private static async Task<List<(string Name, string Sql)>> RewritePoliciesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var statements = new List<(string Name, string Sql)>();
        var refused = new List<string>();
        await using var command = new NpgsqlCommand(PoliciesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            var name = reader.GetString(1);
            if (CitusPlan.Tables.FirstOrDefault(t => t.Name == table) is not { Placement: not CitusPlacement.CoordinatorLocal })
            {
                continue;
            }

            var key = $"{table}.{name}";
            var qual = reader.IsDBNull(5) ? null : reader.GetString(5);
            var check = reader.IsDBNull(6) ? null : reader.GetString(6);
            if (CitusPlan.ReplacedPolicies.TryGetValue(key, out var replacement))
            {
                qual = replacement;
            }

            qual = qual is null ? null : CachedGrant().Replace(qual, "$1");
            check = check is null ? null : CachedGrant().Replace(check, "$1");
            if ((qual?.Contains("SELECT", StringComparison.Ordinal) ?? false) || (check?.Contains("SELECT", StringComparison.Ordinal) ?? false))
            {
                refused.Add(key);
                continue;
            }

            var roles = string.Join(", ", reader.GetFieldValue<string[]>(4).Select(r => r == "public" ? "PUBLIC" : Quote(r)));
            var sql = $"DROP POLICY {Quote(name)} ON {Quote(table)}; CREATE POLICY {Quote(name)} ON {Quote(table)} AS {reader.GetString(2)} " +
                      $"FOR {reader.GetString(3)} TO {roles}" + (qual is null ? string.Empty : $" USING ({qual})") +
                      (check is null ? string.Empty : $" WITH CHECK ({check})");
            statements.Add((key, sql));
        }

        if (refused.Count > 0)
        {
            throw new CitusRefusedException(
                $"Row-level security policies with a subquery cannot be created on distributed tables, and these have one the " +
                $"Citus mode does not know how to rewrite: {string.Join(", ", refused)}.");
        }

        return statements;
    }

    private static async Task<List<(string Table, string Name, string Definition)>> ForeignKeysAsync(
        NpgsqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        var keys = new List<(string, string, string)>();
        await using var command = new NpgsqlCommand(ForeignKeysSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tables });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    private static async Task PlaceAsync(NpgsqlConnection connection, CitusTable table, CancellationToken cancellationToken)
    {
        await using var command = table.Placement == CitusPlacement.Reference
            ? new NpgsqlCommand("SELECT create_reference_table($1)", connection)
            : new NpgsqlCommand("SELECT create_distributed_table($1, $2, colocate_with => $3)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table.Name });
        if (table.Placement == CitusPlacement.Distributed)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table.DistributionColumn! });
            command.Parameters.Add(new NpgsqlParameter { Value = table.ColocateWith ?? "none" });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(CitusPlan.CachedGrantPattern)]
    private static partial Regex CachedGrant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Citus: {Table} is now a {Placement} table")]
    private partial void LogPlaced(string table, CitusPlacement placement);
}
