using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>调整顺序 after the draw, with the reason written on the audit trail.</summary>
public static class MoveSpeaker
{
    public sealed record Command(int CompetitionId, int CadreId, int Place, string? Reason);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            var reason = command.Reason?.Trim() ?? "";
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechMove,
                c => c.MoveSpeaker(command.CadreId, command.Place, reason),
                new { cadreId = command.CadreId, place = command.Place, reason }, ct);
        }
    }
}
