using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Notice;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Outcomes;

public sealed record CadreOutcomeRow(int CadreId, string Name, string? Before, PostLevel? BeforeLevel, string? After, PostLevel? AfterLevel,
    Outcome Outcome, bool Exchanged, DropCause? Cause);

public sealed record UnitOutcome(CompetitionHeader Header, DateTimeOffset? AppointedAt, OutcomeFigures Figures, IReadOnlyList<CadreOutcomeRow> Cadres,
    IReadOnlyDictionary<DropCause, int> DropCauses);

public sealed record CityUnitRow(int CompetitionId, string UnitName, string CompetitionName, DateTimeOffset AppointedAt, OutcomeFigures Figures);

public sealed record CityOutcome(IReadOnlyList<CityUnitRow> Units, OutcomeFigures Total, IReadOnlyDictionary<DropCause, int> DropCauses, int Unfinished);

/// <summary>
/// The outcome reports (DESIGN.md §1, §4): per cadre and per unit once the notice has closed, and the
/// city roll-up of every finished unit for the organization department. The competition classifies its
/// own cadres; this only gathers and sums.
/// </summary>
public sealed class OutcomeQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<UnitOutcome> UnitAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var header = await db.HeaderAsync(c, ct);
        var (figures, rows) = await ClassifyAsync(db, c, ct);
        return new UnitOutcome(header, c.AppointedAt, figures, rows, Causes(rows));
    }

    public async Task<CityOutcome> CityAsync(Actor actor, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Competitions.AsNoTracking().Where(c => c.ArchivedAt == null || c.AppointedAt != null)
            .Select(c => new { c.Id, c.UnitId, c.AppointedAt }).ToListAsync(ct);
        visible = [.. visible.Where(c => actor.SeesEveryUnit || actor.UnitIds.Contains(c.UnitId))];
        var finished = visible.Where(c => c.AppointedAt is not null).OrderBy(c => c.Id).ToList();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = new List<CityUnitRow>();
        var causes = new Dictionary<DropCause, int>();
        var done = 0;
        foreach (var f in finished)
        {
            db.ChangeTracker.Clear();
            var c = await db.CompetitionAggregate.AsNoTracking().FirstAsync(x => x.Id == f.Id, ct);
            var (figures, cadres) = await ClassifyAsync(db, c, ct);
            rows.Add(new CityUnitRow(c.Id, units.GetValueOrDefault(c.UnitId, ""), c.Name, c.AppointedAt!.Value, figures));
            foreach (var (cause, n) in Causes(cadres))
            {
                causes[cause] = causes.GetValueOrDefault(cause) + n;
            }

            progress?.Report(++done / (double)finished.Count);
        }

        var total = rows.Aggregate(OutcomeFigures.Zero, (a, r) => a + r.Figures);
        return new CityOutcome(rows, total, causes, visible.Count - finished.Count);
    }

    private static async Task<(OutcomeFigures, IReadOnlyList<CadreOutcomeRow>)> ClassifyAsync(AppDbContext db, Domain.Competitions.Competition c,
        CancellationToken ct)
    {
        var notice = c.AppointedAt is null ? null
            : await db.StoredNoticeAsync(c.Id, ct);
        if (notice is null)
        {
            return (OutcomeFigures.Zero, []);
        }

        var results = c.Outcomes(notice, await OutcomeScores.LoadAsync(db, c, ct));
        var posts = c.Posts.ToDictionary(p => p.Id, p => p.Name);
        var rows = results.Select(r => new CadreOutcomeRow(r.Facts.CadreId, r.Facts.Name,
                r.Facts.Before is { } b ? posts.GetValueOrDefault(b.PostId) : null, r.Facts.Before?.Level,
                r.Facts.After is { } a ? posts.GetValueOrDefault(a.PostId) : null, r.Facts.After?.Level,
                r.Outcome, r.Exchanged, r.Cause))
            .OrderBy(r => r.Outcome).ThenBy(r => r.CadreId).ToList();
        return (c.OutcomeFigures(results), rows);
    }

    private static Dictionary<DropCause, int> Causes(IEnumerable<CadreOutcomeRow> rows) =>
        rows.Where(r => r.Cause is not null).GroupBy(r => r.Cause!.Value).ToDictionary(g => g.Key, g => g.Count());
}
