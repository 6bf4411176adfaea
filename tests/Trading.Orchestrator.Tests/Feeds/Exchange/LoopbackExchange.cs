using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Trading.Orchestrator.Tests.Feeds.Exchange;

/// <summary>
/// A local stand-in for the exchange on 127.0.0.1: the REST snapshot endpoint, and a WebSocket endpoint that plays one
/// recorded script per connection (frames, then a drop, a clean close, or holding the line open).
/// </summary>
public sealed class LoopbackExchange : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Script[] scripts;
    private readonly string snapshot;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int connections;

    public LoopbackExchange(string snapshot, params Script[] scripts)
    {
        this.snapshot = snapshot;
        this.scripts = scripts;
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseUri.ToString());
        listener.Start();
        serving = ServeAsync();
    }

    public enum Ending
    {
        Drop,
        Hold,
    }

    public Uri BaseUri { get; }

    public Uri StreamUri => new($"ws://{BaseUri.Authority}/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker");

    public int SnapshotRequests { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (ObjectDisposedException)
        {
        }
        catch (HttpListenerException)
        {
        }

        listener.Close();
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (!context.Request.IsWebSocketRequest)
        {
            SnapshotRequests++;
            var body = Encoding.UTF8.GetBytes(snapshot);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
            return;
        }

        var index = Interlocked.Increment(ref connections) - 1;
        var socket = (await context.AcceptWebSocketAsync(null)).WebSocket;
        var script = index < scripts.Length ? scripts[index] : new Script([], Ending.Hold);
        try
        {
            foreach (var frame in script.Frames)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, stop.Token);
            }

            if (script.Ending == Ending.Drop)
            {
                // A dropped line: no close handshake.
                await Task.Delay(50);
                socket.Abort();
                return;
            }

            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>What one connection sends.</summary>
    public sealed record Script(IReadOnlyList<string> Frames, Ending Ending);
}
