using System.Diagnostics;
using System.Globalization;
using CompetitivePosts.Bench;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// deploy/bench.sh starts PostgreSQL and the published app, then runs this with --url, --connection and --app-pid.
if (args is [HubWatcher.Verb, .. var watch])
{
    return await HubWatcher.RunAsync(watch);
}

var options = Options.Parse(args);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var db = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(options.Connection).Options;
var results = new List<(string Measure, string Figure)>();
void Report(string measure, string figure)
{
    results.Add((measure, figure));
    Console.WriteLine($"  {measure}: {figure}");
}

if (options.Kills > 0)
{
    return await KillTest.RunAsync(options, db);
}

Console.WriteLine($"bench: V={options.Voters} C={options.Candidates} K={options.Concurrency} D={options.HubClients} dashboards={options.Dashboards}"
    + (options.Rate > 0 ? $" rate={options.Rate:0.#}/s (open loop)" : "") + $" at {options.Url}");
Console.WriteLine("==> Seeding the round (domain, audited) and the recount round...");
var sw = Stopwatch.StartNew();
var tag = DateTimeOffset.UtcNow.ToString("MMdd-HHmmss", CultureInfo.InvariantCulture);
var seeded = await Seeding.RoundAsync(db, "测速 " + tag, options.Voters, options.Candidates, options.PerPost, issueTokens: true);
Report("seed", $"{options.Voters} voters, {seeded.Lines.Count} candidates, tokens issued in {sw.Elapsed.TotalSeconds:0.0} s");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseCookies = false, AllowAutoRedirect = false })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromMinutes(2),
};

// Warm-up: pages and review posts of a few slips (nothing is committed), so JIT and caches are not in the figures.
await BallotHttp.ForEachAsync(seeded.Voters.Take(100), Math.Min(8, options.Concurrency), async (v, i) =>
{
    var (page, cookie) = await BallotHttp.GetAsync(http, v.Token);
    await BallotHttp.PostAsync(http, v.Token, BallotForms.Fill(page, i).Replace("Step=Submit", "Step=Review", StringComparison.Ordinal), cookie);
});

// (5) Working set with every ballot page fetched and its form held open by the client.
var cpu = new CpuMeter(options.AppPid, options.PostgresPid);
var rssBefore = Rss(options.AppPid);
var cpuAt = cpu.Read();
var held = new string[seeded.Voters.Count];
var cookies = new string?[seeded.Voters.Count];
sw.Restart();
await BallotHttp.ForEachAsync(seeded.Voters, options.Concurrency, async (v, i) => (held[i], cookies[i]) = await BallotHttp.GetAsync(http, v.Token));
var fetchSeconds = sw.Elapsed.TotalSeconds;
var rssOpen = Rss(options.AppPid);
Report("(5) working set", $"{rssBefore:0} MB before, {rssOpen:0} MB with {held.Length} ballot pages fetched and held open ({held.Length / fetchSeconds:0} pages/s)");
Report("(5) GET only", CpuSample.PerBallot(cpuAt, cpu.Read(), held.Length));
if (held.Any(h => !BallotForms.HasForm(h)))
{
    throw new InvalidOperationException("A fetched ballot page had no form.");
}

// (3) Watchers connect before voting starts.
await using var live = await LiveWatchers.StartAsync(options.Url, seeded.CompetitionId, seeded.RoundId, options.HubClients, options.Dashboards);
cpu.WatcherPid = live.HubWatcherPid;

// (1) Real HTTP ballots: GET the page, fill its form like a browser, POST it; K at a time.
Console.WriteLine("==> (1) Ballots over HTTP...");
var submit = new Samples();
var get = new Samples();
var accepted = 0;
await live.StartBrowserMetricsAsync();
cpuAt = cpu.Read();
sw.Restart();
await BallotHttp.ForEachAsync(seeded.Voters, options.Concurrency, async (v, i) =>
{
    var t = Stopwatch.GetTimestamp();
    var (page, cookie) = await BallotHttp.GetAsync(http, v.Token);
    get.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    var body = BallotForms.Fill(page, i);
    t = Stopwatch.GetTimestamp();
    var (_, answer) = await BallotHttp.PostAsync(http, v.Token, body, cookie);
    submit.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    if (BallotForms.IsReceipt(answer))
    {
        Interlocked.Increment(ref accepted);
    }
}, options.Rate);
var appSeconds = sw.Elapsed.TotalSeconds;
var browserWork = await live.StopBrowserMetricsAsync();
if (accepted != seeded.Voters.Count)
{
    throw new InvalidOperationException($"Only {accepted} of {seeded.Voters.Count} ballots were accepted.");
}

var appRate = accepted / appSeconds;
var appCpu = CpuSample.PerBallot(cpuAt, cpu.Read(), accepted);
Report("(1) app over HTTP", $"{accepted} ballots (GET + POST) in {appSeconds:0.00} s = {appRate:0} ballots/s; submit p50 {submit.P(50):0.0} / p95 {submit.P(95):0.0} / p99 {submit.P(99):0.0} ms; GET p50 {get.P(50):0.0} / p99 {get.P(99):0.0} ms");
Report("(1) GET + POST", appCpu);
if (options.Rate > 0)
{
    Console.WriteLine($"  (1) open loop at {options.Rate:0.#} ballots/s: the ratio below is that pace against PostgreSQL's, not the app's limit");
}

if (browserWork is not null)
{
    Report("(1) first dashboard's main thread (Chromium metrics)", browserWork);
}

// (3) Push latency: each ballot's commit, as PostgreSQL recorded it (track_commit_timestamp), to the first push that covers it.
// The commit is read from the ballot's slip, whose single-use UPDATE is in the ballot's transaction and never written again
// (the ballot row itself is rewritten later by the receipt chain, so its xmin is not its own). The stored SubmittedAt, taken
// before the statement, is reported too: the figures of earlier sessions were measured from it.
await Task.Delay(TimeSpan.FromSeconds(3));
var commits = await CommitTimesAsync(options.Connection, seeded.RoundId, """
    SELECT pg_xact_commit_timestamp(xmin) AS t FROM "BallotTokens" WHERE "RoundId" = $1 AND "Used" ORDER BY t
    """);
var submitted = await CommitTimesAsync(options.Connection, seeded.RoundId, """
    SELECT "SubmittedAt" AS t FROM "SignedBallots" WHERE "RoundId" = $1 ORDER BY t
    """);
var dashboardPushes = await live.DashboardPushesAsync();
var hubLatency = PushLatency.Of(commits, live.HubPushes);
var dashLatency = PushLatency.Of(commits, dashboardPushes);
var push = new Samples();
foreach (var x in hubLatency.Values.Concat(dashLatency.Values))
{
    push.Add(x);
}

var fromSubmitted = new Samples();
foreach (var x in PushLatency.Of(submitted, live.HubPushes).Values.Concat(PushLatency.Of(submitted, dashboardPushes).Values))
{
    fromSubmitted.Add(x);
}

Report("(3) push latency", $"hub clients ×{options.HubClients}: p50 {hubLatency.P(50):0} / p99 {hubLatency.P(99):0} ms ({hubLatency.Missed} ballot×client never covered); "
    + $"dashboards ×{options.Dashboards}: p50 {dashLatency.P(50):0} / p99 {dashLatency.P(99):0} ms ({dashLatency.Missed} never shown); all p99 {push.P(99):0} ms; "
    + $"from SubmittedAt instead of the commit: p50 {fromSubmitted.P(50):0} / p99 {fromSubmitted.P(99):0} ms");
Report("(3) hub clients' push, split at the server's read", $"commit → read p50 {hubLatency.ToRead.P(50):0} / p99 {hubLatency.ToRead.P(99):0} ms (the wait for the next read, at most "
    + $"{CompetitivePosts.Web.Features.Tally.TallyFeed.MinInterval.TotalMilliseconds:0} ms, and the read); read → receipt p50 {hubLatency.FromRead.P(50):0} / p99 {hubLatency.FromRead.P(99):0} ms (compose, send, receive)");
var (firstReceipt, spread) = PushLatency.PerPush(live.HubPushes);
Report("(3) hub clients, per push", $"read → its first receipt p50 {firstReceipt.P(50):0} / p99 {firstReceipt.P(99):0} ms; first to last of the {options.HubClients} receipts p50 {spread.P(50):0} / p99 {spread.P(99):0} ms");

// (2) The same rows straight to PostgreSQL at the same concurrency.
Console.WriteLine("==> (2) The same rows through Npgsql...");
var (rawRound, rawTokens) = await Seeding.RawRoundAsync(db, seeded);
var signature = CompetitivePosts.Testing.CanvasPng.Png();
cpuAt = cpu.Read();
var (rawSeconds, rawLatency) = await RawWriter.RunAsync(options.Connection, rawRound, rawTokens, seeded, signature, options.Concurrency, options.RawPool);
var rawRate = seeded.Voters.Count / rawSeconds;
var rawCpu = CpuSample.PerBallot(cpuAt, cpu.Read(), seeded.Voters.Count);
var ratio = appRate / rawRate;
Report("(2) raw Npgsql", $"{seeded.Voters.Count} ballots in {rawSeconds:0.00} s = {rawRate:0} ballots/s on {options.RawPool} connections; p50 {rawLatency.P(50):0.0} / p99 {rawLatency.P(99):0.0} ms; ratio (1)÷(2) = {ratio:0.00}");
Report("(2) raw", rawCpu);

// (4) A full recount of V ballots × 2C candidates, from a second competition whose ballots are written by COPY.
Console.WriteLine("==> (4) Recount...");
var recountSeed = await Seeding.RoundAsync(db, "测速计票 " + tag, options.Voters, options.RecountCandidates, options.PerPost, issueTokens: false);
await RecountBallots.CopyAsync(options.Connection, recountSeed, signature);
await Recount.RunAsync(db, recountSeed.CompetitionId, recountSeed.RoundId); // first call loads the model and JITs
var recount = new Samples();
(int Ballots, int Candidates) counted = default;
for (var i = 0; i < 3; i++)
{
    sw.Restart();
    counted = await Recount.RunAsync(db, recountSeed.CompetitionId, recountSeed.RoundId);
    recount.Add(sw.Elapsed.TotalMilliseconds);
}

Report("(4) recount", $"{counted.Ballots} ballots × {counted.Candidates} candidates: best {recount.P(0):0} ms, worst {recount.P(100):0} ms of 3");

var line = string.Create(CultureInfo.InvariantCulture,
    $"bench: ratio={ratio:0.00} submit_p99_ms={submit.P(99):0} push_p99_ms={push.P(99):0} recount_ms={recount.P(100):0} open_ballots_mb={rssOpen:0}");
Console.WriteLine();
Console.WriteLine("| measure | figure | target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| (1) app ballots/s, K={options.Concurrency} | {appRate:0} | |");
Console.WriteLine($"| (1) submit p50 / p95 / p99 | {submit.P(50):0} / {submit.P(95):0} / {submit.P(99):0} ms | p99 < 100 ms |");
Console.WriteLine($"| (1) page load (GET) p50 / p99, queued behind the page-load gate (ADR 0029) | {get.P(50):0} / {get.P(99):0} ms | |");
Console.WriteLine($"| (2) raw Npgsql ballots/s | {rawRate:0} | |");
Console.WriteLine($"| ratio (1)÷(2) | {ratio:0.00} | ≥ 0.7 |");
Console.WriteLine($"| (3) push p50 / p99 (D={options.HubClients} + {options.Dashboards} dashboards) | {push.P(50):0} / {push.P(99):0} ms | p99 < 250 ms |");
Console.WriteLine($"| (4) recount {counted.Ballots} × {counted.Candidates} | {recount.P(100):0} ms | < 1,000 ms |");
Console.WriteLine($"| (5) working set, {held.Length} pages open | {rssOpen:0} MB | < 300 MB |");
Console.WriteLine(line);
return 0;

static double Rss(int pid)
{
    foreach (var l in File.ReadLines($"/proc/{pid}/status"))
    {
        if (l.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    return double.NaN;
}

// Each ballot's time by the given query (one timestamp a ballot, in order; null when PostgreSQL recorded no commit time).
// Ballot n in commit order is covered by the first push that shows n ballots.
static async Task<List<DateTimeOffset>> CommitTimesAsync(string connection, int roundId, string sql)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, conn);
    cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = roundId });
    var list = new List<DateTimeOffset>();
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        if (reader.IsDBNull(0))
        {
            throw new InvalidOperationException("PostgreSQL recorded no commit time (track_commit_timestamp is off): deploy/bench.sh turns it on.");
        }

        list.Add(reader.GetFieldValue<DateTimeOffset>(0));
    }

    return list;
}
