using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Projector;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Projector;

/// <summary>What a projector link shows; a token issued for one purpose opens nothing else.</summary>
public static class ProjectorPurposes
{
    public const string Speeches = "speeches";

    /// <summary>A voting round's turnout and, as its plan allows, results; the link's scope is the round.</summary>
    public const string Tally = "tally";
}

/// <summary>What a valid token opens: one competition (and scope) for one purpose, until it expires.</summary>
public sealed record ProjectorAccess(int LinkId, int CompetitionId, int? ScopeId, DateTimeOffset ExpiresAt);

public sealed record ProjectorLinkRow(int Id, int? ScopeId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string CreatedBy, bool IsValid);

/// <summary>A freshly issued link: the token is in the URL and is not shown again.</summary>
public sealed record IssuedProjectorLink(int Id, string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues, lists, revokes and resolves projector links for any live screen (the speech clock now,
/// a voting round's tally later): unauthenticated, scoped to one competition and purpose, expiring,
/// revocable, and audited on the competition's trail.
/// </summary>
public sealed class ProjectorLinks(IDbContextFactory<AppDbContext> dbFactory, ProjectorLinkNotifier notifier, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

    public async Task<IssuedProjectorLink> IssueAsync(int competitionId, string purpose, int? scopeId, TimeSpan lifetime, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        actor.EnsureCanManage(await UnitOfAsync(db, competitionId, ct));
        var (link, token) = ProjectorLink.Issue(competitionId, purpose, scopeId, clock.GetUtcNow(), lifetime, actor.Name);
        db.Add(link);
        db.Audit(competitionId, actor.Who, AuditActions.ProjectorIssue, new { purpose, scopeId, expiresAt = link.ExpiresAt });
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(competitionId);
        return new IssuedProjectorLink(link.Id, token, link.ExpiresAt);
    }

    public async Task RevokeAsync(int competitionId, int linkId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        actor.EnsureCanManage(await UnitOfAsync(db, competitionId, ct));
        var link = await db.Set<ProjectorLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.CompetitionId == competitionId, ct)
            ?? throw new DomainException("No such projector link.");
        link.Revoke(clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.ProjectorRevoke, new { linkId, purpose = link.Purpose });
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(competitionId);
    }

    public async Task<IReadOnlyList<ProjectorLinkRow>> ListAsync(int competitionId, string purpose, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        actor.EnsureCanView(await UnitOfAsync(db, competitionId, ct));
        var now = clock.GetUtcNow();
        var links = await db.Set<ProjectorLink>().AsNoTracking().Where(l => l.CompetitionId == competitionId && l.Purpose == purpose)
            .OrderByDescending(l => l.Id).ToListAsync(ct);
        return [.. links.Select(l => new ProjectorLinkRow(l.Id, l.ScopeId, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.CreatedBy, l.IsValidAt(now)))];
    }

    /// <summary>The access a token gives for this purpose now, or null: unknown, other purpose, expired and revoked look alike.</summary>
    public async Task<ProjectorAccess?> ResolveAsync(string? token, string purpose, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = ProjectorLink.HashToken(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProjectorLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, ct);
        return link is not null && link.IsValidAt(clock.GetUtcNow())
            ? new ProjectorAccess(link.Id, link.CompetitionId, link.ScopeId, link.ExpiresAt)
            : null;
    }

    /// <summary>
    /// For the hubs' relays: the links to send to (valid ones) and to close (ended in the last day),
    /// so that a revoked or expired screen stops receiving at once.
    /// </summary>
    public async Task<IReadOnlyList<ProjectorLinkRow>> RecentAsync(int competitionId, string purpose, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var links = await db.Set<ProjectorLink>().AsNoTracking()
            .Where(l => l.CompetitionId == competitionId && l.Purpose == purpose && l.ExpiresAt > since && (l.RevokedAt == null || l.RevokedAt > since))
            .ToListAsync(ct);
        return [.. links.Select(l => new ProjectorLinkRow(l.Id, l.ScopeId, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.CreatedBy, l.IsValidAt(now)))];
    }

    private static async Task<int> UnitOfAsync(AppDbContext db, int competitionId, CancellationToken ct) =>
        await db.Competitions.Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct)
        ?? throw new DomainException("No such competition.");
}

/// <summary>A competition's projector links changed (issued, revoked): relays re-send or close their screens.</summary>
public sealed class ProjectorLinkNotifier : LiveChannel<int>;
