using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.MarketData;

/// <summary>
/// Sends NOTIFY market_prices with the symbols written since the last one, at most once per interval. A commit inside
/// the interval arms a timer, so the last batch of a burst is still announced promptly (trailing edge).
/// </summary>
internal sealed partial class NotificationThrottle(
    NpgsqlDataSource dataSource, TimeSpan interval, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    public const string Channel = "market_prices";

    // NOTIFY payloads must stay under 8,000 bytes; past this the listener is told "*" (anything may have changed).
    private const int MaxPayloadLength = 7_000;

    private const string NotifySql = """SELECT pg_notify('market_prices', $1)""";

    private readonly Lock gate = new();
    private readonly SortedSet<string> pending = new(StringComparer.Ordinal);
    private long lastSent;
    private bool sentOnce;
    private ITimer? trailing;

    /// <summary>Records committed symbols and notifies now on <paramref name="connection"/> when the interval allows.</summary>
    public async Task OnCommittedAsync(IEnumerable<string> symbols, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string? payload = null;
        lock (gate)
        {
            pending.UnionWith(symbols);
            var elapsed = sentOnce ? time.GetElapsedTime(lastSent) : TimeSpan.MaxValue;
            if (elapsed >= interval)
            {
                payload = TakePayload();
            }
            else
            {
                trailing ??= time.CreateTimer(_ => _ = FlushAsync(CancellationToken.None), null, interval - elapsed, Timeout.InfiniteTimeSpan);
            }
        }

        if (payload is not null)
        {
            await SendAsync(connection, payload, cancellationToken);
        }
    }

    /// <summary>Sends what is pending now, whatever the interval.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        string? payload;
        lock (gate)
        {
            payload = pending.Count == 0 ? null : TakePayload();
        }

        if (payload is null)
        {
            return;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await SendAsync(connection, payload, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // Listeners also poll; a lost wake-up delays an evaluation, it does not lose data.
            LogNotifyFailed(e, payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        lock (gate)
        {
            trailing?.Dispose();
            trailing = null;
        }
    }

    // Caller holds the gate.
    private string TakePayload()
    {
        var payload = string.Join(',', pending);
        if (payload.Length > MaxPayloadLength)
        {
            payload = "*";
        }

        pending.Clear();
        trailing?.Dispose();
        trailing = null;
        lastSent = time.GetTimestamp();
        sentOnce = true;
        return payload;
    }

    private static async Task SendAsync(NpgsqlConnection connection, string payload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NOTIFY market_prices ({Payload}) failed")]
    private partial void LogNotifyFailed(Exception exception, string payload);
}
