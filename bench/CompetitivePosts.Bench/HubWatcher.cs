using System.Diagnostics;
using System.Globalization;
using System.Net;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitivePosts.Bench;

/// <summary>
/// The D hub clients of (3) in a process of their own, as the organizers' PCs would be. Inside the bench client they
/// shared a thread pool with the K ballot clients, and at saturation a push waited there behind the ballots before it was
/// read; the dashboards were already a process of their own (Chromium). This is the bench executable run as
/// <c>watch-hub</c>: it joins the round D times and writes one line per push (client, arrival in UTC ticks, ballots covered, the server's time of its read in Unix ms).
/// </summary>
internal sealed class HubWatcher : IAsyncDisposable
{
    public const string Verb = "watch-hub";
    private const string CookieVariable = "BENCH_HUB_COOKIE";

    private readonly Process _process;
    private readonly List<System.Collections.Concurrent.ConcurrentQueue<Push>> _pushes;
    private readonly Task _reading;

    private HubWatcher(Process process, int clients)
    {
        _process = process;
        _pushes = [.. Enumerable.Range(0, clients).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<Push>())];
        _reading = Task.Run(ReadAsync);
    }

    public int Pid => _process.Id;

    public IReadOnlyList<IReadOnlyList<Push>> Pushes => [.. _pushes.Select(q => (IReadOnlyList<Push>)[.. q])];

    /// <summary>Starts the process and returns once every client has joined the round.</summary>
    public static async Task<HubWatcher> StartAsync(Uri baseUri, CookieContainer cookies, int competitionId, int roundId, int clients)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HubWatcher).Assembly.Location);
        }

        foreach (var arg in new[] { Verb, baseUri.ToString(), Invariant(competitionId), Invariant(roundId), Invariant(clients) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CookieVariable] = cookies.GetCookieHeader(baseUri);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The hub watcher did not start.");
        while (await process.StandardOutput.ReadLineAsync() is var line && line != "ready")
        {
            if (line is null)
            {
                throw new InvalidOperationException("The hub watcher stopped before its clients joined.");
            }
        }

        return new HubWatcher(process, clients);
    }

    /// <summary>The child: <c>watch-hub url competitionId roundId clients</c>, the sign-in cookie in the environment; ends when its input closes.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUri = new Uri(args[0]);
        var (competitionId, roundId, clients) = (int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
            int.Parse(args[3], CultureInfo.InvariantCulture));
        var cookies = new CookieContainer();
        cookies.SetCookies(baseUri, (Environment.GetEnvironmentVariable(CookieVariable) ?? "").Replace("; ", ",", StringComparison.Ordinal));
        var output = Console.Out;
        var write = new Lock();
        var hubs = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUri, TallyHub.Path.TrimStart('/')), o => o.Cookies = cookies).Build();
            hub.On<TallyPushDto>(TallyHub.Updated, p =>
            {
                var at = DateTimeOffset.UtcNow.UtcTicks;
                lock (write)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{index} {at} {p.Seq / 2} {p.ServerTime}"));
                    output.Flush();
                }
            });
            await hub.StartAsync();
            await hub.InvokeAsync<TallyPushDto>("JoinRound", competitionId, roundId);
            hubs.Add(hub);
        }

        lock (write)
        {
            output.WriteLine("ready");
            output.Flush();
        }

        await Console.In.ReadToEndAsync();
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var f = line.Split(' ');
            _pushes[int.Parse(f[0], CultureInfo.InvariantCulture)].Enqueue(
                new Push(new DateTimeOffset(long.Parse(f[1], CultureInfo.InvariantCulture), TimeSpan.Zero), int.Parse(f[2], CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[3], CultureInfo.InvariantCulture))));
        }
    }

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
