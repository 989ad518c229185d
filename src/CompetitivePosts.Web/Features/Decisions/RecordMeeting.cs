using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Decisions;

/// <summary>党委会: records the meeting that decides (date, members present from the roster's leaders, minutes reference).</summary>
public static class RecordMeeting
{
    public sealed record Command(int CompetitionId, DateOnly? Date, IReadOnlyList<int> AttendeeIds, string? Minutes);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory)
    {
        public Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            // The date is checked inside the change, after access: an outsider learns nothing from the form.
            return dbFactory.ChangeCompetitionAsync(command.CompetitionId, actor, AuditActions.DecisionMeeting,
                c => c.RecordMeeting(command.Date ?? throw new DomainException("Enter the date of the meeting."), command.AttendeeIds ?? [], command.Minutes), ct);
        }
    }
}
