using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Bench;

/// <summary>
/// Issue 11's kill test at full size (<c>deploy/bench.sh --kills=20</c>): K clients vote over real HTTP while the
/// app is killed with SIGKILL <c>--kills</c> times, spread evenly over the run, and started again each time.
/// A client whose attempt gets no answer waits for the app and tries again, as a voter would. At the end:
/// every receipt is a stored ballot, every voter is stored exactly once (ballots = voters = tokens used),
/// the sealed chain verifies, and the recount equals the live counts. Any failure makes the exit code 1.
/// </summary>
internal static class KillTest
{
    private enum End
    {
        Accepted,
        AlreadyVoted,
        NoAnswer,
        Unexpected,
    }

    public static async Task<int> RunAsync(Options options, DbContextOptions<AppDbContext> db)
    {
        Console.WriteLine($"bench kill test: V={options.Voters} C={options.Candidates} K={options.Concurrency} kills={options.Kills} at {options.Url}");
        Console.WriteLine("==> Seeding the round (domain, audited)...");
        var sw = Stopwatch.StartNew();
        var tag = DateTimeOffset.UtcNow.ToString("MMdd-HHmmss", CultureInfo.InvariantCulture);
        var seeded = await Seeding.RoundAsync(db, "断电测试 " + tag, options.Voters, options.Candidates, options.PerPost, issueTokens: true);
        Console.WriteLine($"  seed: {options.Voters} voters, {seeded.Lines.Count} candidates in {sw.Elapsed.TotalSeconds:0.0} s");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromMinutes(2),
        };
        using var health = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(5) };
        using var app = new AppInstance(options);

        var receipts = new ConcurrentDictionary<int, byte>();
        var failed = new ConcurrentDictionary<int, int>(); // voter → attempts (GET or POST) that got no answer
        var submitLost = new ConcurrentDictionary<int, byte>(); // voters whose POST got no answer
        var alreadyAfterLostAnswer = 0;
        var alreadyWithoutAttempt = 0;
        var unexpected = new ConcurrentQueue<string>();
        var answered = 0;
        var postsInFlight = 0;
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        up.SetResult();

        async Task<End> TryAsync(int voterId, string token, int seed)
        {
            try
            {
                var (page, cookie) = await BallotHttp.GetAsync(http, token);
                if (BallotForms.IsAlreadyVoted(page))
                {
                    return End.AlreadyVoted;
                }

                if (!BallotForms.HasForm(page))
                {
                    unexpected.Enqueue($"voter {voterId}: the ballot page had no form");
                    return End.Unexpected;
                }

                Interlocked.Increment(ref postsInFlight);
                try
                {
                    (HttpStatusCode, string) posted;
                    try
                    {
                        posted = await BallotHttp.PostAsync(http, token, BallotForms.Fill(page, seed), cookie);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The submit itself got no answer: committed or not, the voter cannot tell.
                        submitLost[voterId] = 0;
                        throw;
                    }

                    var (status, answer) = posted;
                    if (BallotForms.IsReceipt(answer))
                    {
                        return End.Accepted;
                    }

                    if (BallotForms.IsAlreadyVoted(answer))
                    {
                        return End.AlreadyVoted;
                    }

                    if ((int)status >= 500)
                    {
                        return End.NoAnswer;
                    }

                    unexpected.Enqueue($"voter {voterId}: answer {(int)status}");
                    return End.Unexpected;
                }
                finally
                {
                    Interlocked.Decrement(ref postsInFlight);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return End.NoAnswer;
            }
        }

        // The killer: after each (V ÷ (kills + 1)) answered voters, SIGKILL, restart, wait for /health.
        var restarts = new Samples();
        var inFlightAtKill = new Samples();
        var kills = 0;
        var voting = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            var every = options.Voters / (options.Kills + 1);
            for (var k = 1; k <= options.Kills; k++)
            {
                while (Volatile.Read(ref answered) < k * every)
                {
                    await Task.Delay(10, voting.Token);
                }

                // Clients that fail from here on wait for this restart rather than spin against a closed port.
                var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref up, down);
                var inFlight = Volatile.Read(ref postsInFlight);
                inFlightAtKill.Add(inFlight);
                var t = Stopwatch.StartNew();
                app.Kill();
                kills++;
                await app.StartAsync(health);
                restarts.Add(t.Elapsed.TotalMilliseconds);
                Console.WriteLine($"  kill {k}: {inFlight} POSTs in flight, {Volatile.Read(ref answered)} voters answered, back in {t.Elapsed.TotalSeconds:0.0} s");
                down.SetResult();
            }
        });

        Console.WriteLine("==> Voting over HTTP with kills...");
        sw.Restart();
        await BallotHttp.ForEachAsync(seeded.Voters, options.Concurrency, async (v, i) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                await Volatile.Read(ref up).Task;
                var end = await TryAsync(v.VoterId, v.Token, i);
                if (end == End.NoAnswer)
                {
                    failed.AddOrUpdate(v.VoterId, 1, (_, n) => n + 1);
                    if (attempt >= 200)
                    {
                        unexpected.Enqueue($"voter {v.VoterId}: no answer after {attempt + 1} attempts");
                        break;
                    }

                    await Task.Delay(50);
                    continue;
                }

                if (end == End.Accepted)
                {
                    receipts[v.VoterId] = 0;
                }
                else if (end == End.AlreadyVoted)
                {
                    // Only a voter whose earlier submit lost its answer may find the slip already used.
                    Interlocked.Increment(ref submitLost.ContainsKey(v.VoterId) ? ref alreadyAfterLostAnswer : ref alreadyWithoutAttempt);
                }

                break;
            }

            Interlocked.Increment(ref answered);
        });
        var votingSeconds = sw.Elapsed.TotalSeconds;
        await voting.CancelAsync();
        try
        {
            await killer;
        }
        catch (OperationCanceledException)
        {
            // Voting ended before every kill: reported below as too few kills.
        }

        Console.WriteLine($"  {options.Voters} voters answered in {votingSeconds:0.0} s");

        // The restarted app's housekeeping seals what the killed instances left unsealed.
        var unsealed = -1;
        for (var i = 0; i < 600 && unsealed != 0; i++)
        {
            await using var ctx = new AppDbContext(db);
            unsealed = await ctx.SignedBallots.CountAsync(b => b.RoundId == seeded.RoundId && b.Seq == null);
            if (unsealed != 0)
            {
                await Task.Delay(100);
            }
        }

        List<int> stored;
        int tokensUsed;
        BallotChainVerification chain;
        await using (var ctx = new AppDbContext(db))
        {
            stored = await ctx.SignedBallots.AsNoTracking().Where(b => b.RoundId == seeded.RoundId).Select(b => b.VoterId).ToListAsync();
            tokensUsed = await ctx.BallotTokens.CountAsync(t => t.RoundId == seeded.RoundId && t.Used);
            chain = await BallotChainService.VerifyAsync(ctx, seeded.RoundId);
        }

        var recount = await Recount.CompareAsync(db, seeded.CompetitionId, seeded.RoundId);
        var storedSet = stored.ToHashSet();
        var lost = receipts.Keys.Count(v => !storedSet.Contains(v));
        var doubled = stored.Count - storedSet.Count;
        var missingVoters = seeded.Voters.Count(v => !storedSet.Contains(v.VoterId));
        var retriedAccepted = submitLost.Keys.Count(receipts.ContainsKey);
        var checks = new (string What, bool Ok)[]
        {
            ($"kills done = {options.Kills}", kills == options.Kills),
            ("every receipt is a stored ballot (lost = 0)", lost == 0),
            ("no voter stored twice (doubled = 0)", doubled == 0),
            ($"ballots = voters = {options.Voters}", stored.Count == options.Voters && missingVoters == 0),
            ($"tokens used = voters = {options.Voters}", tokensUsed == options.Voters),
            ("no slip already used unless its submit lost its answer", alreadyWithoutAttempt == 0),
            ("no unexpected answer", unexpected.IsEmpty),
            ($"chain sealed and intact over {options.Voters} ballots", unsealed == 0 && chain.Intact && chain.Ballots == options.Voters),
            ($"live counts = recount of {options.Voters} ballots", recount.Matches && recount.Ballots == options.Voters),
        };

        Console.WriteLine();
        Console.WriteLine("| kill test | figure |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| kills (SIGKILL, restart, /health 200) | {kills} of {options.Kills} |");
        Console.WriteLine($"| POSTs in flight at each kill, min / p50 / max | {inFlightAtKill.P(0):0} / {inFlightAtKill.P(50):0} / {inFlightAtKill.P(100):0} |");
        Console.WriteLine($"| restart time (kill → /health 200) p50 / max | {restarts.P(50) / 1000:0.0} / {restarts.P(100) / 1000:0.0} s |");
        Console.WriteLine($"| voters, K clients, time | {options.Voters}, K={options.Concurrency}, {votingSeconds:0} s |");
        Console.WriteLine($"| ballots stored / distinct voters / tokens used | {stored.Count} / {storedSet.Count} / {tokensUsed} |");
        Console.WriteLine($"| receipts / receipts missing from the database | {receipts.Count} / {lost} |");
        Console.WriteLine($"| voters whose attempt got no answer (GET or POST), retried / such attempts | {failed.Count} / {failed.Values.Sum()} |");
        Console.WriteLine($"| voters whose submit (POST) got no answer, retried | {submitLost.Count} |");
        Console.WriteLine($"| … accepted on retry / found their ballot already counted (committed, answer lost) | {retriedAccepted} / {alreadyAfterLostAnswer} |");
        Console.WriteLine($"| chain | {(chain.Intact ? "intact" : $"broken: {chain.Break} at {chain.AtSeq}")}, {chain.Ballots} sealed, {unsealed} unsealed |");
        Console.WriteLine($"| live == recount | {(recount.Matches ? "yes" : $"no, {recount.Differences.Count} differences")}, {recount.Ballots} ballots recounted |");
        foreach (var (what, ok) in checks)
        {
            Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
        }

        foreach (var u in unexpected.Take(10))
        {
            Console.WriteLine($"  unexpected: {u}");
        }

        var passed = checks.All(c => c.Ok);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench-kill: kills={kills} ballots={stored.Count} voters={options.Voters} lost={lost} doubled={doubled} retried={failed.Count} submits_retried={submitLost.Count} "
            + $"restart_p50_ms={restarts.P(50):0} restart_max_ms={restarts.P(100):0} live_equals_recount={recount.Matches.ToString().ToLowerInvariant()} "
            + $"result={(passed ? "pass" : "FAIL")}"));
        return passed ? 0 : 1;
    }
}
