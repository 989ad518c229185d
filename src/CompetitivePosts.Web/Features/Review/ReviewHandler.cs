using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Review;

public sealed record ReviewRow(int ApplicationId, int CadreId, string CadreName, string? CurrentTitle, int Preference, int PostId, string PostName,
    PostLevel Level, EligibilityResult Eligibility, ReviewStatus Review, string? ReviewNote, DateTimeOffset? ReviewedAt, bool Withdrawn,
    string? OtherRequirements);

public sealed record ReviewView(CompetitionHeader Header, IReadOnlyList<ReviewRow> Rows, DateTimeOffset? PublishedAt, bool SpeechOrderDrawn)
{
    public int Pending => Rows.Count(r => !r.Withdrawn && r.Review == ReviewStatus.Pending);

    public int PendingEligible => Rows.Count(r => !r.Withdrawn && r.Review == ReviewStatus.Pending && r.Eligibility.Eligible);
}

public sealed record QualifiedCandidate(int No, string Name, Gender? Gender, DateOnly? BirthDate, EducationLevel? Education, string? CurrentTitle,
    IReadOnlyList<string> Posts);

public sealed record QualifiedListView(CompetitionHeader Header, DateTimeOffset? PublishedAt, IReadOnlyList<QualifiedCandidate> Candidates);

/// <summary>资格审查: every registration with its computed eligibility; approve, reject, approve all eligible, publish.</summary>
public sealed class ReviewHandler(IDbContextFactory<AppDbContext> dbFactory, RegistrationNotifier notifier, TimeProvider clock)
{
    public async Task<ReviewView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var cadres = c.Cadres.ToDictionary(x => x.Id);
        var posts = c.Posts.ToDictionary(p => p.Id);
        var withdrawn = c.Registrations.Where(r => r.IsWithdrawn).Select(r => r.CadreId).ToHashSet();
        var rows = c.Applications
            .OrderBy(a => c.Registrations.First(r => r.CadreId == a.CadreId).RegisteredAt).ThenBy(a => a.CadreId).ThenBy(a => a.Preference)
            .Select(a => new ReviewRow(a.Id, a.CadreId, cadres[a.CadreId].Name, cadres[a.CadreId].CurrentTitle, a.Preference, a.PostId, posts[a.PostId].Name,
                posts[a.PostId].Level, c.Eligibility(a.CadreId, a.PostId), a.Review, a.ReviewNote, a.ReviewedAt, withdrawn.Contains(a.CadreId),
                posts[a.PostId].OtherRequirements))
            .ToList();
        return new ReviewView(await db.HeaderAsync(c, ct), rows, c.QualifiedListPublishedAt, c.SpeechSlots.Count > 0);
    }

    public async Task<QualifiedListView> QualifiedListAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var posts = c.Posts.ToDictionary(p => p.Id, p => p.Name);
        var qualified = c.QualifiedApplications.ToList();
        var candidates = c.Candidates
            .OrderBy(x => qualified.Where(a => a.CadreId == x.Id).Min(a => a.PostId))
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Select((x, i) => new QualifiedCandidate(i + 1, x.Name, x.Gender, x.BirthDate, x.Education, x.CurrentTitle,
                [.. qualified.Where(a => a.CadreId == x.Id).OrderBy(a => a.Preference).Select(a => posts[a.PostId])]))
            .ToList();
        return new QualifiedListView(await db.HeaderAsync(c, ct), c.QualifiedListPublishedAt, candidates);
    }

    public Task ApproveAsync(int competitionId, Actor actor, int applicationId, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.ReviewApprove, c => c.Approve(applicationId, clock.GetUtcNow(), reason), reason, ct);

    public Task RejectAsync(int competitionId, Actor actor, int applicationId, string reason, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.ReviewReject, c => c.Reject(applicationId, reason, clock.GetUtcNow()), reason, ct);

    public async Task<int> ApproveAllEligibleAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        var approved = 0;
        await ChangeAsync(competitionId, actor, AuditActions.ReviewApproveAll, c => approved = c.ApproveAllEligible(clock.GetUtcNow()), null, ct);
        return approved;
    }

    public Task PublishAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.ReviewPublish, c => c.PublishQualifiedList(clock.GetUtcNow()), null, ct);

    private async Task ChangeAsync(int competitionId, Actor actor, string action, Action<Competition> change, string? reason, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var c = await db.LoadForChangeAsync(competitionId, actor, ct);
            change(c);
            db.Audit(competitionId, actor.Who, action, string.IsNullOrWhiteSpace(reason) ? null : new { reason = reason.Trim() });
            await db.SaveChangesAsync(ct);
        }

        await notifier.PublishAsync(competitionId);
    }
}
