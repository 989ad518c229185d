using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Roster;

public sealed record CadreRow(int Id, string Name, VoterCategory Category, string? PostBefore, string? PostNow);

public sealed record PostRow(int Id, string Name, PostLevel Level, string? ExclusionReason, string? HolderName, string? HolderBefore);

public sealed record RosterView(CompetitionHeader Header, IReadOnlyList<CadreRow> Cadres, IReadOnlyList<PostRow> Posts, DateTimeOffset? ResetAt);

/// <summary>Roster and posts (form entry), and the reset to zero.</summary>
public sealed class RosterHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<RosterView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var names = c.Cadres.ToDictionary(x => x.Id, x => x.Name);
        var cadres = c.Cadres.OrderBy(x => x.Category).ThenBy(x => x.Id)
            .Select(x => new CadreRow(x.Id, x.Name, x.Category,
                c.PriorHoldings.FirstOrDefault(h => h.CadreId == x.Id)?.PostName,
                c.Posts.FirstOrDefault(p => p.HolderId == x.Id)?.Name))
            .ToList();
        var posts = c.Posts.OrderBy(p => p.Level).ThenBy(p => p.Id)
            .Select(p => new PostRow(p.Id, p.Name, p.Level, p.ExclusionReason,
                p.HolderId is { } h ? names[h] : null,
                c.PriorHoldings.FirstOrDefault(x => x.PostId == p.Id) is { } prior ? names[prior.CadreId] : null))
            .ToList();
        return new RosterView(await db.HeaderAsync(c, ct), cadres, posts, c.ResetAt);
    }

    public Task AddCadreAsync(int competitionId, Actor actor, string name, VoterCategory category, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.CadreAdd, c => c.AddCadre(name, category), ct);

    public Task AddPostAsync(int competitionId, Actor actor, string name, PostLevel level, string? exclusionReason, int? holderId,
        CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PostAdd, c => c.AddPost(name, level, exclusionReason, holderId), ct);

    public Task ResetToZeroAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.Reset, c => c.ResetToZero(clock.GetUtcNow()), ct);
}
