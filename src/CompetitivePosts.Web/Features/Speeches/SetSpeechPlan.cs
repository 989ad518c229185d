using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>Speech, question and changeover lengths, and what happens to an absent candidate.</summary>
public static class SetSpeechPlan
{
    public sealed record Command(int CompetitionId, int SpeechMinutes, int QuestionMinutes, int ChangeoverMinutes, AbsentPolicy AbsentPolicy);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechPlan,
                c => c.SetSpeechPlan(command.SpeechMinutes, command.QuestionMinutes, command.ChangeoverMinutes, command.AbsentPolicy), null, ct);
        }
    }
}
