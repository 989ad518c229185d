using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>Creates a round (prepared: slips can be printed, no ballot accepted yet).</summary>
public sealed class CreateRound(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> HandleAsync(int competitionId, Actor actor, RoundSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var round = c.CreateRound(settings, clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.RoundCreate, new
        {
            number = round.Number, kind = round.Kind.ToString(), signed = round.IsSigned, limit = round.LimitMode.ToString(), round.FixedLimit,
            closesAt = round.ClosesAt,
        });
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}
