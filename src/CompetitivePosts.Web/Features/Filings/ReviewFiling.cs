using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Filings;

/// <summary>The reviewer answers each decision of a filing version: 予以备案, or 不予备案 with a reason.</summary>
public static class ReviewFiling
{
    /// <param name="RowVersion">The filing as the page loaded it: a review saved meanwhile by someone else is refused.</param>
    public sealed record Command(int CompetitionId, int Version, IReadOnlyList<DecisionReview> Reviews, string? Note, uint? RowVersion);

    /// <summary>Checks a review before anything is asked or saved: every refusal needs its reason.</summary>
    public static void Validate(IReadOnlyList<DecisionReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        if (reviews.Any(r => !r.Accept && string.IsNullOrWhiteSpace(r.Reason)))
        {
            throw new DomainException("A refusal needs a reason.");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(actor);
            Validate(command.Reviews);
            return RunAsync(dbFactory, command.CompetitionId, actor, command.RowVersion,
                c => c.ReviewFiling(command.Version, command.Reviews, actor.Name, command.Note, clock.GetUtcNow()), ct);
        }
    }

    internal static async Task RunAsync(IDbContextFactory<AppDbContext> dbFactory, int competitionId, Actor actor, uint? rowVersion,
        Action<Competition> review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureReviewer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.CompetitionAggregate.FirstOrDefaultAsync(x => x.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        await SeparationOfDuties.EnsureNotInvolvedAsync(db, competitionId, actor, ct);
        review(c);
        var filing = c.LatestFiling!;
        if (rowVersion is { } expected)
        {
            db.Entry(filing).Property<uint>("RowVersion").OriginalValue = expected;
        }

        var refused = filing.Verdicts.Where(v => !v.Accepted).Select(v => new { v.PostId, v.Seat, reason = v.Reason }).ToList();
        db.Audit(competitionId, actor.Who, filing.Status == FilingStatus.Accepted ? AuditActions.FilingAccept : AuditActions.FilingRefuse,
            new { filing.Version, refused });
        await db.SaveChangesAsync(ct);
    }
}
