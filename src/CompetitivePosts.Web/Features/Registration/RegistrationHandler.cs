using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Registration;

public sealed record PickOption(int Id, string Name);

public sealed record ApplicationRow(int Id, string CadreName, string PostName, bool AcceptsReassignment);

public sealed record RegistrationView(CompetitionHeader Header, IReadOnlyList<PickOption> Cadres, IReadOnlyList<PickOption> Posts,
    IReadOnlyList<ApplicationRow> Applications);

/// <summary>报名: cadres register for open posts, with eligibility reasons, then registration closes.</summary>
public sealed class RegistrationHandler(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<RegistrationView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var cadres = c.Cadres.Where(x => x.Category != VoterCategory.A).OrderBy(x => x.Id).Select(x => new PickOption(x.Id, x.Name)).ToList();
        var posts = c.Posts.Where(p => !p.IsExcluded).OrderBy(p => p.Level).ThenBy(p => p.Id).Select(p => new PickOption(p.Id, p.Name)).ToList();
        var applications = c.Applications.OrderBy(a => a.Id)
            .Select(a => new ApplicationRow(a.Id, c.Cadres.First(x => x.Id == a.CadreId).Name, c.Posts.First(p => p.Id == a.PostId).Name,
                a.AcceptsReassignment))
            .ToList();
        return new RegistrationView(await db.HeaderAsync(c, ct), cadres, posts, applications);
    }

    /// <summary>Why the pair is not eligible, shown before the organizer tries to register it.</summary>
    public async Task<IReadOnlyList<string>> ReasonsAsync(int competitionId, Actor actor, int cadreId, int postId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        return c.IneligibilityReasons(cadreId, postId);
    }

    public Task RegisterAsync(int competitionId, Actor actor, int cadreId, int postId, bool acceptsReassignment, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.Register, c => c.Register(cadreId, postId, acceptsReassignment), ct);

    public Task CloseAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.RegistrationClose, c => c.CloseRegistration(), ct);
}
