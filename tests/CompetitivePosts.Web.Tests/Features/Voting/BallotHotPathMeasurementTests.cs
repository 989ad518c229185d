using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// A rough measurement of the ballot hot path (docs/performance.md): V voters, C candidates, K clients
/// each doing the ballot page's own GET and form POST over real HTTP, against PostgreSQL writing the
/// same rows with plain INSERTs on K connections; then sealing, verifying and counting. It prints the
/// figures and asserts only what must hold (every ballot stored once, the chain intact, the counts right).
/// </summary>
[Collection(AppTests.Name)]
public partial class BallotHotPathMeasurementTests(AppFixture app, ITestOutputHelper output)
{
    private const int Voters = 1000;
    private const int Posts = 10;
    private const int PerPost = 10;
    private const int Clients = 32;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [Fact]
    public async Task HotPath_1000VotersAnd100CandidatesOver32Clients_EveryBallotStoredOnceAndFiguresPrinted()
    {
        var setup = Stopwatch.StartNew();
        var (competitionId, round, tokens, candidates) = await ArrangeAsync();
        output.WriteLine($"setup: {Voters} voters, {candidates.Count} candidates, tokens issued in {setup.ElapsedMilliseconds} ms");

        // 1. The app: GET /b/{token}, then POST the marked form, K clients at once.
        var body = MarksBody(candidates);
        var queue = new ConcurrentQueue<string>(tokens.Values);
        var getTimes = new ConcurrentBag<double>();
        var postTimes = new ConcurrentBag<double>();
        var accepted = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var client = NewClient();
            while (queue.TryDequeue(out var token))
            {
                var t = Stopwatch.StartNew();
                var page = await client.GetStringAsync($"b/{token}");
                getTimes.Add(t.Elapsed.TotalMilliseconds);
                var name = Regex.Match(page, "data-testid=\"ballot-voter\">([^<]+)<").Groups[1].Value;
                var form = $"Step=Submit&{body}&SignedName={Uri.EscapeDataString(name)}&Signature={Uri.EscapeDataString(TestBallots.Signature)}"
                    + $"&__RequestVerificationToken={Uri.EscapeDataString(Antiforgery().Match(page).Groups[1].Value)}";
                t.Restart();
                using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
                using var response = await client.PostAsync($"b/{token}", content);
                var html = await response.Content.ReadAsStringAsync();
                postTimes.Add(t.Elapsed.TotalMilliseconds);
                if (html.Contains("data-testid=\"receipt-code\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }))).ConfigureAwait(true);
        var appSeconds = wall.Elapsed.TotalSeconds;
        output.WriteLine($"app over HTTP: {Voters} ballots (GET + POST) in {appSeconds:0.00} s = {Voters / appSeconds:0} ballots/s; "
            + $"POST p50 {P(postTimes, 50):0.0} ms, p95 {P(postTimes, 95):0.0} ms, p99 {P(postTimes, 99):0.0} ms, max {postTimes.Max():0.0} ms; "
            + $"GET p50 {P(getTimes, 50):0.0} ms, p99 {P(getTimes, 99):0.0} ms");

        // 2. PostgreSQL alone writing the same rows: plain INSERTs, K connections, no checks, no HTTP.
        var rawSeconds = await RawInsertAsync(competitionId, round, candidates.Count);
        output.WriteLine($"raw PostgreSQL: {Voters} INSERTs of the same rows on {Clients} connections in {rawSeconds:0.00} s = {Voters / rawSeconds:0} rows/s; "
            + $"app / raw = {rawSeconds / appSeconds:0.00}");

        // 3. Sealing the chain, verifying it, counting the round.
        using var scope = app.Services.CreateScope();
        var chain = scope.ServiceProvider.GetRequiredService<BallotChainService>();
        var t2 = Stopwatch.StartNew();
        await chain.SealAsync(round.Id);
        var seal = t2.ElapsedMilliseconds;
        t2.Restart();
        var verdict = await chain.VerifyAsync(round.Id);
        var verify = t2.ElapsedMilliseconds;
        t2.Restart();
        RoundCounts counts;
        await using (var db = app.NewDb())
        {
            counts = await RoundCounts.LoadAsync(db, round.Id, default);
        }

        var count = t2.ElapsedMilliseconds;
        output.WriteLine($"seal {Voters} ballots: {seal} ms; verify the chain: {verify} ms; count {Voters} ballots × {candidates.Count} lines: {count} ms");

        Assert.Equal(Voters, accepted);
        Assert.True(verdict.Intact, verdict.Break?.ToString());
        Assert.Equal(Voters, verdict.Ballots);
        Assert.Equal(Voters, counts.Total);
        await using (var db = app.NewDb())
        {
            Assert.Equal(Voters, await db.SignedBallots.CountAsync(b => b.RoundId == round.Id));
            Assert.Equal(Voters, await db.BallotTokens.CountAsync(t => t.RoundId == round.Id && t.Used));
        }
    }

    private static double P(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }

    // Agree for the first of each post, disagree for the second, the rest left as abstentions.
    private static string MarksBody(IReadOnlyList<(int CadreId, int Post)> candidates) =>
        string.Join('&', candidates.Select((c, i) => $"Marks[{i}].CandidateId={c.CadreId}&Marks[{i}].Choice="
            + (i % PerPost == 0 ? "Agree" : i % PerPost == 1 ? "Disagree" : "Abstain")));

    private HttpClient NewClient()
    {
#pragma warning disable CA2000 // The client owns and disposes the handler.
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = app.BaseUri,
        };
#pragma warning restore CA2000
    }

    private async Task<(int CompetitionId, VotingRound Round, Dictionary<int, string> Tokens, List<(int CadreId, int Post)> Candidates)> ArrangeAsync()
    {
        var unitId = await app.DemoUnitIdAsync();
        await using var db = app.NewDb();
        var c = new Competition(unitId, "测速-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Voters; i++)
        {
            var category = i < 20 ? VoterCategory.A : i < 120 ? VoterCategory.B : VoterCategory.C;
            c.AddCadre(TestCadres.Eligible("干部" + i.ToString("D4", CultureInfo.InvariantCulture), category), now);
        }

        db.Competitions.Add(c);
        db.Audit(() => c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        var cadres = c.Cadres.OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var posts = Enumerable.Range(0, Posts).Select(p => c.AddPost("职位" + p.ToString("D2", CultureInfo.InvariantCulture), PostLevel.Principal, null, null)).ToList();
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        c.ResetToZero(DateTimeOffset.UtcNow);
        c.OpenRegistration();
        for (var i = 0; i < Posts * PerPost; i++)
        {
            c.Register(cadres[200 + i].Id, posts[i / PerPost].Id, false);
        }

        c.CloseRegistration();
        c.ApproveAllEligible(DateTimeOffset.UtcNow);
        c.PublishQualifiedList(DateTimeOffset.UtcNow);
        c.DrawSpeechOrder(SpeechGrouping.ByRank, DateTimeOffset.UtcNow);
        c.IssueVoterRoll();
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        var round = c.CreateRound(new RoundSettings(RoundKind.Recommendation), DateTimeOffset.UtcNow);
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        c.OpenRound(round.Id, DateTimeOffset.UtcNow);
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        var tokens = new Dictionary<int, string>();
        foreach (var voter in c.Voters)
        {
            var (token, clear) = BallotToken.Issue(round, voter, DateTimeOffset.UtcNow, kiosk: false);
            db.BallotTokens.Add(token);
            tokens[voter.Id] = clear;
        }

        await db.SaveChangesAsync();
        var lines = round.Items.OrderBy(x => x.Position).Select(x => (x.CadreId, x.Group)).ToList();
        return (c.Id, round, tokens, lines);
    }

    /// <summary>The same rows as the app writes (a signed ballot with its PNG, choices and hashes), as plain INSERTs into a second round.</summary>
    private async Task<double> RawInsertAsync(int competitionId, VotingRound first, int lines)
    {
        int roundId;
        List<(int Id, string Name, VoterCategory Category)> voters;
        await using (var db = app.NewDb())
        {
            var c = await db.CompetitionAggregate.SingleAsync(x => x.Id == competitionId);
            var second = c.CreateRound(new RoundSettings(RoundKind.Recommendation, Title: "raw"), DateTimeOffset.UtcNow);
            db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
            await db.SaveChangesAsync();
            roundId = second.Id;
            voters = [.. c.Voters.Select(v => (v.Id, v.Name, v.Category))];
        }

        var signature = TestBallots.Png();
        var choices = Enumerable.Range(0, lines).Select(i => (short)(i % PerPost == 0 ? 1 : i % PerPost == 1 ? 2 : 3)).ToArray();
        var rows = new ConcurrentQueue<SignedBallot>(voters.Select(v =>
            new SignedBallot(roundId, v.Id, v.Category, v.Name, signature, choices, DateTimeOffset.UtcNow)));
        var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default");
        await using var source = NpgsqlDataSource.Create(connection!);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            await using var conn = await source.OpenConnectionAsync();
            while (rows.TryDequeue(out var b))
            {
                await using var command = new NpgsqlCommand("""
                    INSERT INTO "SignedBallots" ("RoundId", "VoterId", "Category", "SignedName", "Signature", "Choices", "SubmittedAt", "ContentHash", "Receipt")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """, conn);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.RoundId });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.VoterId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.Category.ToString() });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.SignedName });
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = b.Signature });
                command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = b.Choices });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = b.SubmittedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.ContentHash });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.Receipt });
                await command.ExecuteNonQueryAsync();
            }
        }))).ConfigureAwait(true);
        var seconds = wall.Elapsed.TotalSeconds;
        await using (var db = app.NewDb())
        {
            Assert.Equal(voters.Count, await db.SignedBallots.CountAsync(b => b.RoundId == roundId)); // control: the baseline wrote every row
        }

        Assert.NotEqual(first.Id, roundId);
        return seconds;
    }
}
