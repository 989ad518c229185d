using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

public static class RemoveSpeechSession
{
    public sealed record Command(int CompetitionId, int SessionId);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechSessionRemove,
                c => c.RemoveSpeechSession(command.SessionId), null, ct);
        }
    }
}
