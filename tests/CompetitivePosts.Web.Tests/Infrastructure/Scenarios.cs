using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>A competition with one open round: <see cref="Tokens"/> are the clear tokens as printed, by voter name.</summary>
public sealed record VotingScenario(int CompetitionId, int RoundId, IReadOnlyDictionary<string, int> Cadres, IReadOnlyDictionary<string, int> Voters,
    IReadOnlyDictionary<string, string> Tokens)
{
    public int Id(string name) => Cadres[name];
}

/// <summary>Arranges competitions directly through the domain, for tests that are not about the earlier stages.</summary>
public static class Scenarios
{
    /// <summary>Arrangements go on the audit trail like any change, under a name that says what they are.</summary>
    public const string ArrangeAction = "test.arrange";

    public static AuditWho Arranger { get; } = new(null, "test");

    public static Actor Organizer(params int[] unitIds) => new("测试组织者", ActorRoles.Organizer, unitIds, "test-organizer");

    public static Actor Reviewer { get; } = new("测试组织部", ActorRoles.Reviewer, [], "test-reviewer");

    public static Actor Observer { get; } = new("测试纪检", ActorRoles.Observer, [], "test-observer");

    public static Actor Administrator { get; } = new("测试管理员", ActorRoles.Administrator, [], "test-admin");

    public static async Task<int> DemoUnitIdAsync(this AppFixture app)
    {
        await using var db = app.NewDb();
        return await db.Units.Where(u => u.Name == DemoSeeder.UnitName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// A competition open for voting: leader 甲 (A), principal 乙 (B), staff 丙 and 丁 (C); 乙 and 丙 compete for one post.
    /// One round (signed recommendation unless <paramref name="settings"/> say otherwise) is open and every voter has a token.
    /// </summary>
    /// <param name="deputyHolder">Who held 综合科副科长 before the reset (nobody unless named): a second incumbent for evaluations.</param>
    public static Task<VotingScenario> OpenForVotingAsync(this AppFixture app, string? name = null, RoundSettings? settings = null,
        string? deputyHolder = null) =>
        app.ArrangeAsync(CompetitionStatus.Voting, name, settings, deputyHolder);

    /// <summary>
    /// The competition of <see cref="OpenForVotingAsync"/>, taken as far as <paramref name="stage"/>: 甲 (A), 乙 (B, holds
    /// 综合科科长), 丙 and 丁 (C); at registration 乙 and 丙 apply for 综合科科长; at the speeches both are approved and the
    /// list is published (nothing drawn yet); at voting the order is drawn, the roll issued and one round opened with a token
    /// for every voter (before voting there is no round: <see cref="VotingScenario.RoundId"/> is 0 and there are no tokens).
    /// With <paramref name="deputySeats"/> above 1, 综合科副科长 has that many seats and 丁 applies for it (丙 accepts
    /// reassignment, so 丙 may take another of its seats).
    /// </summary>
    public static async Task<VotingScenario> ArrangeAsync(this AppFixture app, CompetitionStatus stage, string? name = null, RoundSettings? settings = null,
        string? deputyHolder = null, int deputySeats = 1)
    {
        var unitId = await app.DemoUnitIdAsync();
        await using var db = app.NewDb();
        var c = new Competition(unitId, name ?? "测试-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        c.AddCadre(TestCadres.Eligible("甲", VoterCategory.A), now);
        c.AddCadre(TestCadres.Eligible("乙", VoterCategory.B), now);
        c.AddCadre(TestCadres.Eligible("丙", VoterCategory.C), now);
        c.AddCadre(TestCadres.Eligible("丁", VoterCategory.C), now);
        db.Competitions.Add(c);
        db.Audit(() => c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        int Cadre(string n) => c.Cadres.Single(x => x.Name == n).Id;
        var post = c.AddPost("综合科科长", PostLevel.Principal, null, Cadre("乙"));
        var deputy = c.AddPost(new PostDetails { Name = "综合科副科长", Level = PostLevel.Deputy, Headcount = deputySeats },
            deputyHolder is null ? null : Cadre(deputyHolder));
        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        if (stage >= CompetitionStatus.Reset)
        {
            c.ResetToZero(DateTimeOffset.UtcNow);
        }

        if (stage >= CompetitionStatus.Registration)
        {
            c.OpenRegistration();
        }

        if (stage >= CompetitionStatus.Review)
        {
            c.Register(Cadre("乙"), post.Id, false);
            c.Register(Cadre("丙"), post.Id, true);
            if (deputySeats > 1)
            {
                c.Register(Cadre("丁"), deputy.Id, false);
            }

            c.CloseRegistration();
        }

        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        if (stage >= CompetitionStatus.Speeches)
        {
            c.ApproveAllEligible(DateTimeOffset.UtcNow);
            c.PublishQualifiedList(DateTimeOffset.UtcNow);
        }

        if (stage < CompetitionStatus.Voting)
        {
            db.Audit(c.Id, Arranger, ArrangeAction);
            await db.SaveChangesAsync();
            return new VotingScenario(c.Id, 0, c.Cadres.ToDictionary(x => x.Name, x => x.Id), c.Voters.ToDictionary(v => v.Name, v => v.Id),
                new Dictionary<string, string>());
        }

        c.DrawSpeechOrder(SpeechGrouping.ByRank, DateTimeOffset.UtcNow);
        c.IssueVoterRoll();
        settings ??= new RoundSettings(RoundKind.Recommendation);
        if (settings is { Kind: RoundKind.Evaluation, Incumbents: null })
        {
            settings = settings with { Incumbents = [.. c.Incumbents.Select(e => e.CadreId)] };
        }

        var round = c.CreateRound(settings, DateTimeOffset.UtcNow);
        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        c.OpenRound(round.Id, DateTimeOffset.UtcNow);
        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        var tokens = await IssueTokensAsync(db, round, c.Voters);
        return new VotingScenario(c.Id, round.Id, c.Cadres.ToDictionary(x => x.Name, x => x.Id), c.Voters.ToDictionary(v => v.Name, v => v.Id), tokens);
    }

    /// <summary>Tokens for these voters, as printing would issue them; returns the clear tokens by voter name.</summary>
    public static async Task<Dictionary<string, string>> IssueTokensAsync(AppDbContext db, VotingRound round, IEnumerable<Voter> voters)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var voter in voters.Where(v => !v.IsExcluded))
        {
            var (token, clear) = BallotToken.Issue(round, voter, DateTimeOffset.UtcNow, kiosk: false);
            db.BallotTokens.Add(token);
            tokens[voter.Name] = clear;
        }

        await db.SaveChangesAsync();
        return tokens;
    }

    /// <summary>
    /// Voting done and closed: 乙 was approved by all four voters (100%), 丙 by 甲 and 丙 (55%), so
    /// appointing 丙 to 综合科科长 passes over 乙 and needs a written justification.
    /// </summary>
    public static async Task<VotingScenario> ReadyToDecideAsync(this AppFixture app, string? name = null)
    {
        var s = await app.OpenForVotingAsync(name);
        foreach (var (voter, forBing) in new[] { ("甲", Choice.Agree), ("乙", Choice.Disagree), ("丙", Choice.Agree), ("丁", Choice.Disagree) })
        {
            var result = await app.VoteAsync(s, voter, ("乙", Choice.Agree), ("丙", forBing));
            if (result.Outcome != SubmitOutcome.Accepted)
            {
                throw new InvalidOperationException($"{voter}'s ballot was not accepted: {result.Outcome}");
            }
        }

        var organizer = Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, organizer, s.RoundId);
        await scope.ServiceProvider.GetRequiredService<VoterRollHandler>().CloseAsync(s.CompetitionId, organizer);
        return s;
    }

    public static async Task<int> PostIdAsync(this AppFixture app, int competitionId, string postName)
    {
        await using var db = app.NewDb();
        return await db.Posts.Where(p => p.CompetitionId == competitionId && p.Name == postName).Select(p => p.Id).SingleAsync();
    }
}
