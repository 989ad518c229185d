using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Decisions;

/// <summary>Marks which closed recommendation round the committee decides from (default: the latest).</summary>
public static class ChooseDecidingRound
{
    public sealed record Command(int CompetitionId, int RoundId);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return dbFactory.ChangeCompetitionAsync(command.CompetitionId, actor, AuditActions.DecidingRound,
                c => c.ChooseDecidingRound(command.RoundId), ct);
        }
    }
}
