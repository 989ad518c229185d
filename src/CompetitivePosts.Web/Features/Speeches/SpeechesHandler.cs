using System.Security.Cryptography;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Speeches;

public sealed record SpeakerRow(int Order, string Name, string Posts);

public sealed record SpeechesView(CompetitionHeader Header, int? Seed, IReadOnlyList<SpeakerRow> Speakers, int Candidates);

/// <summary>述职演讲: the speaking order, drawn from a recorded seed.</summary>
public sealed class SpeechesHandler(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<SpeechesView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var speakers = c.SpeechSlots.OrderBy(s => s.Order)
            .Select(s => new SpeakerRow(s.Order, c.Cadres.First(x => x.Id == s.CadreId).Name,
                string.Join("、", c.QualifiedApplications.Where(a => a.CadreId == s.CadreId).OrderBy(a => a.Preference).Select(a => c.Posts.First(p => p.Id == a.PostId).Name))))
            .ToList();
        return new SpeechesView(await db.HeaderAsync(c, ct), c.SpeechSeed, speakers, c.Candidates.Count());
    }

    public Task DrawAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        // The seed itself is random so nobody can pick a convenient order; it is recorded for checking.
        var seed = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        return dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.SpeechDraw, c => c.DrawSpeechOrder(seed), ct);
    }
}
