using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>The control panel's buttons. The time of each press is the server's, never the tablet's.</summary>
public static class ControlSpeech
{
    public enum Button
    {
        Start,
        Pause,
        Resume,
        Questions,
        Next,
        Absent,
    }

    /// <param name="CadreId">Whom an absence is about; the other buttons act on whoever is at the podium.</param>
    public sealed record Command(int CompetitionId, Button Action, int? CadreId = null);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            var now = change.Clock.GetUtcNow();
            return command.Action switch
            {
                Button.Start => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechStart, c => c.StartSpeech(now), null, ct),
                Button.Pause => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechPause, c => c.PauseSpeech(now), null, ct),
                Button.Resume => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechResume, c => c.ResumeSpeech(now), null, ct),
                Button.Questions => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechQuestions, c => c.StartQuestions(now), null, ct),
                Button.Next => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechNext, c => c.NextSpeaker(now), null, ct),
                Button.Absent => change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechAbsent,
                    c => c.MarkAbsent(command.CadreId ?? 0), new { cadreId = command.CadreId }, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(command)),
            };
        }
    }
}
