using System.Net;
using System.Net.Sockets;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>What the proxy does with one connection.</summary>
public enum ProxyFate
{
    Pass,

    /// <summary>The tablet's request never reaches the server (Wi-Fi gone while sending).</summary>
    CutBeforeRequest,

    /// <summary>The server gets the whole request and answers, but the answer never reaches the tablet.</summary>
    CutAfterRequest,
}

/// <summary>
/// A TCP proxy on loopback standing in for meeting-room Wi-Fi: each connection is passed, cut before
/// the request reaches the server, or cut after the server answered, drawn from a seeded random
/// source. Clients open one connection per request (Connection: close) so a fate is per request.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Uri _upstream;
    private readonly Random _random;
    private readonly double _cutBefore;
    private readonly double _cutAfter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _passed;
    private int _cutBeforeCount;
    private int _cutAfterCount;

    public FlakyProxy(Uri upstream, int seed, double cutBefore, double cutAfter)
    {
        _upstream = upstream;
        _random = new Random(seed);
        _cutBefore = cutBefore;
        _cutAfter = cutAfter;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public int Passed => Volatile.Read(ref _passed);

    public int CutBefore => Volatile.Read(ref _cutBeforeCount);

    public int CutAfter => Volatile.Read(ref _cutAfterCount);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private ProxyFate Draw()
    {
        double x;
        lock (_random)
        {
            x = _random.NextDouble();
        }

        return x < _cutBefore ? ProxyFate.CutBeforeRequest : x < _cutBefore + _cutAfter ? ProxyFate.CutAfterRequest : ProxyFate.Pass;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => HandleAsync(client, Draw()));
        }
    }

    private async Task HandleAsync(TcpClient client, ProxyFate fate)
    {
        using (client)
        {
            // A reset, not a polite close, as a dropped radio link looks to the tablet.
            client.LingerState = new LingerOption(true, 0);
            try
            {
                var tablet = client.GetStream();
                if (fate == ProxyFate.CutBeforeRequest)
                {
                    Interlocked.Increment(ref _cutBeforeCount);
                    var buffer = new byte[1024];
                    _ = await tablet.ReadAsync(buffer, _stop.Token);
                    return;
                }

                using var server = new TcpClient();
                await server.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
                var upstream = server.GetStream();
                if (fate == ProxyFate.Pass)
                {
                    Interlocked.Increment(ref _passed);
                    var up = tablet.CopyToAsync(upstream, _stop.Token);
                    var down = upstream.CopyToAsync(tablet, _stop.Token);
                    await Task.WhenAny(up, down);
                    await down;
                    return;
                }

                Interlocked.Increment(ref _cutAfterCount);
                // The request goes through; the server's answer is read in full and thrown away.
                var forward = tablet.CopyToAsync(upstream, _stop.Token);
                await upstream.CopyToAsync(Stream.Null, _stop.Token);
                _ = forward;
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
