using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>
/// How every speech-day use case saves: the guarded domain change and its audit entry in one
/// transaction, then, once it is durable, the news to the control panels and projectors.
/// </summary>
public sealed class SpeechDayChange(IDbContextFactory<AppDbContext> dbFactory, SpeechNotifier notifier, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    // Internal: the plumbing of the speech-day use cases, not a use case an actor calls (HandlerMatrixTests calls those).
    internal async Task RunAsync(int competitionId, Actor actor, string action, Action<Competition> change, object? detail = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await dbFactory.ChangeCompetitionAsync(competitionId, actor, action, c =>
        {
            change(c);
            return true;
        }, detail, ct);
        await notifier.PublishAsync(competitionId);
    }
}
