using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>主动放弃 on the speech day, with the reason written on the audit trail.</summary>
public static class WithdrawSpeaker
{
    public sealed record Command(int CompetitionId, int CadreId, string? Reason);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            var reason = command.Reason?.Trim() ?? "";
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechWithdraw,
                c => c.WithdrawSpeaker(command.CadreId, reason, change.Clock.GetUtcNow()), new { cadreId = command.CadreId, reason }, ct);
        }
    }
}
