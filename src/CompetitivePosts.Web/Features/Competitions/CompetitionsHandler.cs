using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Competitions;

public sealed record CompetitionListItem(int Id, string Name, string UnitName, CompetitionStatus Status, DateTimeOffset CreatedAt,
    int Posts, int Cadres, int Applications, int Voters, int Ballots, DateTimeOffset? ArchivedAt = null, int UnitId = 0);

public sealed record UnitOption(int Id, string Name);

/// <summary>The competitions an actor may see, and creating one in a unit the organizer manages.</summary>
public sealed class CompetitionsHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<CompetitionListItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Competitions.AsNoTracking();
        if (!actor.SeesEveryUnit)
        {
            var own = actor.UnitIds.ToArray();
            query = query.Where(c => own.Contains(c.UnitId));
        }

        var rows = await query
            .OrderBy(c => c.ArchivedAt != null).ThenByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.Name, c.UnitId, c.Status, c.CreatedAt, c.ArchivedAt,
                Posts = c.Posts.Count, Cadres = c.Cadres.Count, Applications = c.Registrations.Count(r => r.WithdrawnAt == null), Roll = c.Voters.Count(v => v.ExcludedAt == null),
                // The counting round: the latest recommendation round that has opened.
                CountingRoundId = db.VotingRounds
                    .Where(r => r.CompetitionId == c.Id && r.Kind == RoundKind.Recommendation && r.Status != RoundStatus.Prepared)
                    .OrderByDescending(r => r.Number).Select(r => (int?)r.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Its ballots over its slips issued, which no later change to the roll moves (ADR 0036); before any round, the roll.
        var counting = rows.Where(r => r.CountingRoundId is not null).Select(r => r.CountingRoundId!.Value).ToList();
        var turnout = await db.BallotTokens.AsNoTracking()
            .Where(t => counting.Contains(t.RoundId) && t.RevokedAt == null)
            .GroupBy(t => t.RoundId)
            .Select(g => new { RoundId = g.Key, Issued = g.Count(), Cast = g.Count(t => t.Used) })
            .ToDictionaryAsync(x => x.RoundId, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. rows.Select(r =>
        {
            var t = r.CountingRoundId is { } id ? turnout.GetValueOrDefault(id) : null;
            return new CompetitionListItem(r.Id, r.Name, units[r.UnitId], r.Status, r.CreatedAt, r.Posts, r.Cadres, r.Applications,
                r.CountingRoundId is null ? r.Roll : t?.Issued ?? 0, t?.Cast ?? 0, r.ArchivedAt, r.UnitId);
        })];
    }

    /// <summary>The units the actor may create competitions in: an organizer's own.</summary>
    public async Task<IReadOnlyList<UnitOption>> UnitsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = actor.UnitIds.ToArray();
        return await db.Units.AsNoTracking()
            .Where(u => actor.IsOrganizer && own.Contains(u.Id))
            .OrderBy(u => u.Name)
            .Select(u => new UnitOption(u.Id, u.Name))
            .ToListAsync(ct);
    }

    /// <summary>Administrators add units; a production database starts with none.</summary>
    public async Task<int> CreateUnitAsync(Actor actor, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw new DomainException("Only an administrator may add units.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = new Unit(name);
        if (await db.Units.AnyAsync(u => u.Name == unit.Name, ct))
        {
            throw new DomainException("There is already a unit named {0}.", unit.Name);
        }

        db.Units.Add(unit);
        db.Audit(AuditEntry.SystemChain, actor.Who, AuditActions.UnitCreate);
        await db.SaveChangesAsync(ct);
        return unit.Id;
    }

    public async Task<int> CreateAsync(Actor actor, int unitId, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanManage(unitId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            throw new DomainException("No such unit.");
        }

        var competition = new Competition(unitId, name, clock.GetUtcNow());
        db.Competitions.Add(competition);
        db.Audit(() => competition.Id, actor.Who, AuditActions.CompetitionCreate);
        await db.SaveChangesAsync(ct);
        return competition.Id;
    }
}
