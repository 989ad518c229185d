using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Roster;

/// <summary>
/// Adding, changing and deleting cadres and posts. At the first stage freely; after the reset, until
/// voting opens, a cadre may still be added or corrected with a written reason, which the trail keeps.
/// </summary>
public sealed class EditRoster(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string VersionProperty = "Version";

    public async Task<int> AddCadreAsync(int competitionId, Actor actor, CadreDetails details, string? correctionReason = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var cadre = c.AddCadre(details, clock.GetUtcNow(), correctionReason);
        db.Audit(competitionId, actor.Who, AuditActions.CadreAdd, Reason(correctionReason));
        await db.SaveChangesAsync(ct);
        return cadre.Id;
    }

    /// <summary><paramref name="expectedVersion"/> is the version the form was loaded with: a change by someone else since is refused.</summary>
    public async Task UpdateCadreAsync(int competitionId, Actor actor, int cadreId, CadreDetails details, uint? expectedVersion,
        string? correctionReason = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var cadre = c.UpdateCadre(cadreId, details, clock.GetUtcNow(), correctionReason);
        if (expectedVersion is { } v)
        {
            db.Entry(cadre).Property(VersionProperty).OriginalValue = v;
        }

        db.Audit(competitionId, actor.Who, AuditActions.CadreUpdate, Reason(correctionReason));
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteCadreAsync(int competitionId, Actor actor, int cadreId, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.CadreDelete, c => c.DeleteCadre(cadreId), ct);

    public async Task<int> AddPostAsync(int competitionId, Actor actor, PostDetails details, int? holderId, CancellationToken ct = default) =>
        (await dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PostAdd, c => c.AddPost(details, holderId), ct)).Id;

    public Task UpdatePostAsync(int competitionId, Actor actor, int postId, PostDetails details, int? holderId, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PostUpdate, c => c.UpdatePost(postId, details, holderId), ct);

    public Task DeletePostAsync(int competitionId, Actor actor, int postId, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PostDelete, c => c.DeletePost(postId), ct);

    private static object? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : new { reason = reason.Trim() };
}
