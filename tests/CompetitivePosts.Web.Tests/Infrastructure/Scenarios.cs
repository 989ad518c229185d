using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

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

    public static Actor Organizer(int unitId) => new("测试组织者", false, true, false, unitId);

    public static Actor Reviewer { get; } = new("测试组织部", false, false, true, null);

    public static async Task<int> DemoUnitIdAsync(this AppFixture app)
    {
        await using var db = app.NewDb();
        return await db.Units.Where(u => u.Name == DemoSeeder.UnitName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// A competition open for voting: leader 甲 (A), principal 乙 (B), staff 丙 and 丁 (C); 乙 and 丙 compete for one post.
    /// One round (signed recommendation unless <paramref name="settings"/> say otherwise) is open and every voter has a token.
    /// </summary>
    public static async Task<VotingScenario> OpenForVotingAsync(this AppFixture app, string? name = null, RoundSettings? settings = null)
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
        c.AddPost("综合科副科长", PostLevel.Deputy, null, null);
        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        c.ResetToZero(DateTimeOffset.UtcNow);
        c.OpenRegistration();
        c.Register(Cadre("乙"), post.Id, false);
        c.Register(Cadre("丙"), post.Id, true);
        c.CloseRegistration();
        db.Audit(c.Id, Arranger, ArrangeAction);
        await db.SaveChangesAsync();

        c.ApproveAllEligible(DateTimeOffset.UtcNow);
        c.PublishQualifiedList(DateTimeOffset.UtcNow);
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
}
