using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Speeches;

public sealed record DrawCheckView(bool Holds, bool OrderMatches, IReadOnlyList<string> Recomputed, IReadOnlyList<string> NotDrawn, IReadOnlyList<string> WrongGroup);

/// <summary>验证: redoes the draw from its recorded seed on the server. Reading only, so nothing is audited.</summary>
public static class VerifySpeechDraw
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory)
    {
        public async Task<DrawCheckView> HandleAsync(int competitionId, Actor actor, CancellationToken ct = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var c = await db.LoadForViewAsync(competitionId, actor, ct);
            var check = c.VerifySpeechDraw();
            List<string> Names(IEnumerable<int> ids) => [.. ids.Select(id => SpeechesQuery.CadreName(c, id))];
            return new DrawCheckView(check.Holds, check.OrderMatches, Names(check.RecomputedOrder), Names(check.CandidatesNotDrawn), Names(check.DrawnInWrongGroup));
        }
    }
}
