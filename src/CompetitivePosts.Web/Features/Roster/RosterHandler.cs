using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Notice;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Roster;

public sealed record CadreRow(int Id, CadreDetails Details, uint Version, string? PostBefore, string? PostNow, bool AddedAfterReset)
{
    public string Name => Details.Name;

    public VoterCategory Category => Details.Category;
}

/// <param name="HoldersNow">Every seat's holder, seat 1 first; empty while the post is vacant.</param>
public sealed record PostRow(int Id, PostDetails Details, int? HolderId, IReadOnlyList<string> HoldersNow, string? HolderBefore)
{
    public string Name => Details.Name;
}

public sealed record RosterView(CompetitionHeader Header, IReadOnlyList<CadreRow> Cadres, IReadOnlyList<PostRow> Posts, DateTimeOffset? ResetAt,
    int SnapshotRows);

/// <summary>The roster and posts as a page shows them, and the reset to zero with its undo.</summary>
public sealed class RosterHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<RosterView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var versions = await db.Cadres.Where(x => x.CompetitionId == competitionId)
            .Select(x => new { x.Id, Version = EF.Property<uint>(x, EditRoster.VersionProperty) })
            .ToDictionaryAsync(x => x.Id, x => x.Version, ct);
        var holders = c.HoldersNow(c.AppointedAt is null ? null : await db.StoredNoticeAsync(competitionId, ct));
        var heldPost = holders.SelectMany(h => h.Value.Select(x => (Cadre: x.Id, Post: h.Key))).ToDictionary(x => x.Cadre, x => x.Post);
        var postNames = c.Posts.ToDictionary(p => p.Id, p => p.Name);
        var cadres = c.Cadres.OrderBy(x => x.Category).ThenBy(x => x.Id)
            .Select(x =>
            {
                var snapshot = c.Snapshot.FirstOrDefault(s => s.CadreId == x.Id);
                return new CadreRow(x.Id, x.Details, versions.GetValueOrDefault(x.Id), snapshot?.PostName,
                    heldPost.TryGetValue(x.Id, out var held) ? postNames[held] : null, snapshot?.AddedAfterReset ?? false);
            })
            .ToList();
        var posts = c.Posts.OrderBy(p => p.Level).ThenBy(p => p.Id)
            .Select(p => new PostRow(p.Id, p.Details, p.HolderId, [.. holders[p.Id].Select(h => h.Name)],
                c.Snapshot.FirstOrDefault(s => s.PostId == p.Id)?.CadreName))
            .ToList();
        return new RosterView(await db.HeaderAsync(c, ct), cadres, posts, c.ResetAt, c.Snapshot.Count);
    }

    public Task AddCadreAsync(int competitionId, Actor actor, string name, VoterCategory category, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.CadreAdd, c => c.AddCadre(name, category), ct);

    public Task AddPostAsync(int competitionId, Actor actor, string name, PostLevel level, PostExclusion? exclusion, int? holderId,
        CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PostAdd, c => c.AddPost(name, level, exclusion, holderId), ct);

    public Task ResetToZeroAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.Reset, c => c.ResetToZero(clock.GetUtcNow()), ct);

    public Task UndoResetAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.ResetUndo, c => c.UndoReset(), ct);
}
