using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>抽签: the domain draws from its own cryptographically random seed and records it.</summary>
public static class DrawSpeechOrder
{
    public sealed record Command(int CompetitionId, SpeechGrouping Grouping);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            var at = change.Clock.GetUtcNow();
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechDraw,
                c => c.DrawSpeechOrder(command.Grouping, at), new { grouping = command.Grouping }, ct);
        }
    }
}
