using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// What agent and reader logins may take of the server's connections. PostgreSQL keeps no slots for non-superusers and
/// counts a CONNECTION LIMIT only on the login itself, so a login without one, or limits adding up to the server's
/// connections, can lock the orchestrator out (issue 18, item 7). Sizing: README, "Roles and connections".
/// </summary>
public sealed record ConnectionBudget(IReadOnlyList<string> Unlimited, long LimitSum, int MaxConnections, int SuperuserReserved)
{
    // Direct and indirect members; superusers are never limited, so they are not counted.
    private const string Sql = """
        SELECT r.rolname::text, r.rolconnlimit
        FROM pg_roles r
        WHERE r.rolcanlogin AND NOT r.rolsuper
          AND (pg_has_role(r.oid, 'trading_agent', 'MEMBER') OR pg_has_role(r.oid, 'trading_reader', 'MEMBER'))
        ORDER BY r.rolname
        """;

    private const string SettingsSql = """
        SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int
        """;

    /// <summary>Connections left for the orchestrator's pool, feeds and the CLI when every limited login is at its limit.</summary>
    public long Left => MaxConnections - SuperuserReserved - LimitSum;

    /// <summary>One sentence per problem; empty when every login is limited and the limits leave room.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = Unlimited
                .Select(login => $"login {login} (trading_agent/trading_reader) has no connection limit: ALTER ROLE \"{login}\" CONNECTION LIMIT 5")
                .ToList();
            if (Left <= 0)
            {
                warnings.Add($"agent and reader logins may hold {LimitSum} connections; max_connections {MaxConnections} minus " +
                             $"superuser_reserved_connections {SuperuserReserved} leaves none for the orchestrator");
            }

            return warnings;
        }
    }

    public static async Task<ConnectionBudget> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var unlimited = new List<string>();
        var sum = 0L;
        await using (var logins = dataSource.CreateCommand(Sql))
        await using (var reader = await logins.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var limit = reader.GetInt32(1);
                if (limit < 0)
                {
                    unlimited.Add(reader.GetString(0));
                }
                else
                {
                    sum += limit;
                }
            }
        }

        await using var settings = dataSource.CreateCommand(SettingsSql);
        await using var row = await settings.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new ConnectionBudget(unlimited, sum, row.GetInt32(0), row.GetInt32(1));
    }
}
