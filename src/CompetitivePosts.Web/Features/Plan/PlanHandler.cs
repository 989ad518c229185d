using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Plan;

public sealed record PostEligibility(int PostId, string PostName, PostLevel Level, EligibilityResult Result, bool PreferredMajor);

public sealed record CadreEligibilitySummary(int CadreId, string Name, int EligiblePosts, int OverriddenPosts);

public sealed record PlanView(CompetitionHeader Header, EligibilityRules Rules, int MaxApplications, bool Editable,
    IReadOnlyList<PickOption> Cadres, IReadOnlyList<CadreEligibilitySummary> Summary, int CompetedPosts,
    Weights? TallyWeights = null, bool WeightsEditable = false);

/// <summary>Every cadre × post pair the way a page shows it: the result and every reason, by the domain's evaluator.</summary>
public static class EligibilityQuery
{
    public static IReadOnlyList<PostEligibility> ForCadre(Competition c, int cadreId)
    {
        ArgumentNullException.ThrowIfNull(c);
        var cadre = c.Cadres.FirstOrDefault(x => x.Id == cadreId) ?? throw new DomainException("No such cadre in this competition.");
        return [.. c.Posts.Where(p => !p.IsExcluded).OrderBy(p => p.Level).ThenBy(p => p.Id)
            .Select(p => new PostEligibility(p.Id, p.Name, p.Level, c.Eligibility(cadreId, p.Id), MajorFits(cadre.Major, p.PreferredMajors)))];
    }

    /// <summary>优先专业 is a preference shown to the reviewer, not a condition.</summary>
    private static bool MajorFits(string? major, string? preferred) =>
        major is { Length: > 0 } && preferred is { Length: > 0 }
        && preferred.Split(['、', ',', '，', ';', '；', '/', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Any(p => major.Contains(p, StringComparison.Ordinal) || p.Contains(major, StringComparison.Ordinal));
}

/// <summary>The plan (方案): eligibility rules, the limit on preferences, and overrides with a written reason.</summary>
public sealed class PlanHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PlanView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var competed = c.Posts.Where(p => !p.IsExcluded).ToList();
        var summary = c.Cadres.Where(x => !x.IsCountyLeader).OrderBy(x => x.Id)
            .Select(x =>
            {
                var results = competed.Select(p => c.Eligibility(x.Id, p.Id)).ToList();
                return new CadreEligibilitySummary(x.Id, x.Name, results.Count(r => r.Eligible), results.Count(r => r.Overridden));
            })
            .ToList();
        var header = await db.HeaderAsync(c, ct);
        return new PlanView(header, c.Rules, c.MaxApplicationsPerCadre,
            c.Status <= CompetitionStatus.Reset && !c.IsArchived && actor.CanManage(c.UnitId),
            [.. c.Cadres.Where(x => !x.IsCountyLeader).OrderBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => new PickOption(x.Id, x.Name, x.Department))],
            summary, competed.Count, c.TallyWeights, c.TallyWeightsEditable && actor.CanManage(c.UnitId));
    }

    public async Task<IReadOnlyList<PostEligibility>> ForCadreAsync(int competitionId, Actor actor, int cadreId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        return EligibilityQuery.ForCadre(c, cadreId);
    }

    public Task ChangeAsync(int competitionId, Actor actor, EligibilityRules rules, int maxApplications, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.PlanChange, c => c.ChangePlan(rules, maxApplications), ct);

    public async Task OverrideAsync(int competitionId, Actor actor, int cadreId, int postId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        c.OverrideEligibility(cadreId, postId, reason, clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.EligibilityOverride, new { reason = reason.Trim() });
        await db.SaveChangesAsync(ct);
    }

    public Task RemoveOverrideAsync(int competitionId, Actor actor, int cadreId, int postId, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.EligibilityOverrideRemove, c => c.RemoveOverride(cadreId, postId), ct);
}
