using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>A sitting of the speech meeting: date, hours and venue, as the organizer types them.</summary>
public static class AddSpeechSession
{
    /// <param name="Date">yyyy-MM-dd, as a date input sends it.</param>
    /// <param name="Start">HH:mm, as a time input sends it.</param>
    public sealed record Command(int CompetitionId, string? Date, string? Start, string? End, string? Venue);

    public sealed class Handler(SpeechDayChange change)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            // The form is read once access is checked, so that an outsider learns nothing from its errors.
            return change.RunAsync(command.CompetitionId, actor, AuditActions.SpeechSessionAdd, c =>
            {
                if (!DateOnly.TryParseExact(command.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new DomainException("Enter the session's date.");
                }

                if (!TryTime(command.Start, out var start) || !TryTime(command.End, out var end))
                {
                    throw new DomainException("Enter the session's start and end times.");
                }

                c.AddSpeechSession(date, start, end, command.Venue ?? "");
            }, null, ct);
        }

        private static bool TryTime(string? text, out TimeOnly time) =>
            TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
