using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Common;

public sealed record CompetitionHeader(int Id, int UnitId, string Name, string UnitName, CompetitionStatus Status, int MinimumScorePercent);

internal static class CompetitionAccess
{
    /// <summary>
    /// The one way use cases change a competition: check access, hold the competition, load the aggregate, apply a guarded
    /// domain method, save with its audit entry in one transaction. A broken rule throws before anything is saved; a
    /// change committed by someone else meanwhile is seen by the load, not overwritten after it (ADR 0036).
    /// </summary>
    public static Task<T> ChangeCompetitionAsync<T>(this IDbContextFactory<AppDbContext> dbFactory, int competitionId, Actor actor,
        string action, Func<Competition, T> change, CancellationToken ct) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, action, change, null, ct);

    /// <summary>As above, with what the action's entry records beside the rows, such as a written reason.</summary>
    public static async Task<T> ChangeCompetitionAsync<T>(this IDbContextFactory<AppDbContext> dbFactory, int competitionId, Actor actor,
        string action, Func<Competition, T> change, object? detail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var competition = await db.LoadHeldForChangeAsync(competitionId, actor, ct);
        var result = change(competition);
        db.Audit(competitionId, actor.Who, action, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Checks that the actor may manage the competition, then holds it until the transaction ends
    /// (<see cref="AppDbContext.HoldCompetitionAsync"/>): a change that reads state it does not write (no round open, the
    /// voter still on the roll) sees every change committed before it, and none commits in between. Access comes first, so
    /// that nobody outside the unit can hold a competition.
    /// </summary>
    public static async Task HoldForChangeAsync(this AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unitId = await db.Competitions.Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanManage(unitId);
        await db.HoldCompetitionAsync(competitionId, ct);
    }

    /// <summary>The aggregate for a change that decides on what it reads, held first (<see cref="HoldForChangeAsync"/>); the caller's transaction.</summary>
    public static async Task<Competition> LoadHeldForChangeAsync(this AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        await db.HoldForChangeAsync(competitionId, actor, ct);
        return await db.LoadForChangeAsync(competitionId, actor, ct);
    }

    public static Task ChangeCompetitionAsync(this IDbContextFactory<AppDbContext> dbFactory, int competitionId, Actor actor,
        string action, Action<Competition> change, CancellationToken ct) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, action, c =>
        {
            change(c);
            return true;
        }, ct);

    /// <summary>Loads the whole aggregate for a change, after checking the actor may manage it.</summary>
    public static async Task<Competition> LoadForChangeAsync(this AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        var competition = await db.CompetitionAggregate.FirstOrDefaultAsync(c => c.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanManage(competition.UnitId);
        return competition;
    }

    public static async Task<Competition> LoadForViewAsync(this AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        var competition = await db.CompetitionAggregate.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanView(competition.UnitId);
        return competition;
    }

    public static async Task<CompetitionHeader> HeaderAsync(this AppDbContext db, Competition competition, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == competition.UnitId).Select(u => u.Name).FirstAsync(ct);
        return new CompetitionHeader(competition.Id, competition.UnitId, competition.Name, unit, competition.Status, competition.MinimumScorePercent);
    }
}
