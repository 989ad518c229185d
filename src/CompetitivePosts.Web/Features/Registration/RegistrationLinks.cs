using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Registration;

public sealed record IssuedLink(int CadreId, string Name, string? Department, string Token);

public sealed record LinkCadre(int CadreId, string Name, string? Department, bool HasLink, bool Registered);

/// <summary>
/// Personal registration links (个人报名链接). Only a hash of each token is stored, so a link can be shown
/// and printed once, when it is issued; issuing again replaces it and the old link stops working.
/// </summary>
public sealed class RegistrationLinks(IDbContextFactory<AppDbContext> dbFactory)
{
    public const string PathPrefix = "/r/";

    public async Task<(CompetitionHeader Header, IReadOnlyList<LinkCadre> Cadres)> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        actor.EnsureCanManage(c.UnitId);
        return (await db.HeaderAsync(c, ct), [.. c.Cadres.Where(x => !x.IsCountyLeader).OrderBy(x => x.Id)
            .Select(x => new LinkCadre(x.Id, x.Name, x.Department, x.RegistrationTokenHash is not null, c.Registrations.Any(r => r.CadreId == x.Id)))]);
    }

    /// <summary>Issues links to the given cadres, or to every cadre without one when <paramref name="cadreIds"/> is null.</summary>
    public async Task<IReadOnlyList<IssuedLink>> IssueAsync(int competitionId, Actor actor, IReadOnlyCollection<int>? cadreIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var targets = c.Cadres.Where(x => !x.IsCountyLeader && (cadreIds is null ? x.RegistrationTokenHash is null : cadreIds.Contains(x.Id)))
            .OrderBy(x => x.Id).ToList();
        if (targets.Count == 0)
        {
            throw new DomainException("Every cadre already has a link.");
        }

        var issued = targets.Select(x => new IssuedLink(x.Id, x.Name, x.Department, c.IssueRegistrationLink(x.Id))).ToList();
        db.Audit(competitionId, actor.Who, AuditActions.RegistrationLinkIssue, new { cadres = issued.Count, reissued = cadreIds is not null });
        await db.SaveChangesAsync(ct);
        return issued;
    }
}
