using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>A signed recommendation round open with <see cref="Tokens"/> (clear, as printed) for every voter, by voter id.</summary>
public sealed record HallScenario(int CompetitionId, int RoundId, IReadOnlyDictionary<int, string> Tokens, IReadOnlyList<int> CandidateIds);

/// <summary>A hall of voters, for fault tests that need more tablets than the four of <see cref="Scenarios"/>.</summary>
public static class ManyVoters
{
    /// <summary>
    /// <paramref name="voters"/> eligible cadres (one in ten A, two in ten B, the rest C), of whom the last
    /// <paramref name="posts"/> × 2 compete two to a post; the roll issued, one signed round open.
    /// </summary>
    public static async Task<HallScenario> ArrangeAsync(AppFixture app, int voters, int posts = 2)
    {
        ArgumentNullException.ThrowIfNull(app);
        var unitId = await app.DemoUnitIdAsync();
        await using var db = app.NewDb();
        var now = DateTimeOffset.UtcNow;
        var c = new Competition(unitId, "会场-" + Guid.NewGuid().ToString("N")[..8], now);
        for (var i = 0; i < voters; i++)
        {
            var category = (i % 10) switch { 0 => VoterCategory.A, 1 or 2 => VoterCategory.B, _ => VoterCategory.C };
            c.AddCadre(TestCadres.Eligible("干部" + i.ToString("D4", CultureInfo.InvariantCulture), category), now);
        }

        db.Competitions.Add(c);
        await SaveAsync(db, () => c.Id);

        var cadres = c.Cadres.OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var opened = Enumerable.Range(0, posts).Select(p => c.AddPost("职位" + p.ToString("D2", CultureInfo.InvariantCulture), PostLevel.Principal, null, null)).ToList();
        await SaveAsync(db, () => c.Id);

        c.ResetToZero(now);
        c.OpenRegistration();
        for (var i = 0; i < posts * 2; i++)
        {
            c.Register(cadres[voters - 1 - i].Id, opened[i / 2].Id, false);
        }

        c.CloseRegistration();
        c.ApproveAllEligible(now);
        c.PublishQualifiedList(now);
        c.DrawSpeechOrder(SpeechGrouping.ByRank, now);
        c.IssueVoterRoll();
        await SaveAsync(db, () => c.Id);

        var round = c.CreateRound(new RoundSettings(RoundKind.Recommendation), now);
        await SaveAsync(db, () => c.Id);
        c.OpenRound(round.Id, now);
        await SaveAsync(db, () => c.Id);

        var tokens = new Dictionary<int, string>();
        foreach (var voter in c.Voters)
        {
            var (token, clear) = BallotToken.Issue(round, voter, now, kiosk: false);
            db.BallotTokens.Add(token);
            tokens[voter.Id] = clear;
        }

        await db.SaveChangesAsync();
        return new HallScenario(c.Id, round.Id, tokens, [.. round.Items.OrderBy(x => x.Position).Select(x => x.CadreId)]);
    }

    private static async Task SaveAsync(AppDbContext db, Func<int> competitionId)
    {
        db.Audit(competitionId, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
    }
}
