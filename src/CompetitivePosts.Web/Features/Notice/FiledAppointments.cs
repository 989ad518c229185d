using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Notice;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>One seat of a competed post as the organization department filed it: an appointee, or vacant.</summary>
public sealed record FiledSeat(int PostId, int Seat, int? CadreId);

/// <summary>
/// The one place the notice and the outcome reports read the committee's decisions: which seats the
/// organization department accepted for filing (备案), and who fills them. Written against the
/// decision model of the day (one appointee per post, the whole filing accepted at once); when the
/// decisions gain seats and per-decision review, this file alone changes.
/// </summary>
public static class FiledAppointments
{
    public static IReadOnlyList<FiledSeat> Of(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        if (competition.Status != CompetitionStatus.Accepted)
        {
            return [];
        }

        return
        [
            .. competition.Posts.Where(p => !p.IsExcluded).OrderBy(p => p.Id).Select(p =>
                new FiledSeat(p.Id, 1, competition.Decisions.FirstOrDefault(d => d.PostId == p.Id)?.AppointeeId)),
        ];
    }

    public static IReadOnlyList<NoticeAppointee> Appointees(Competition competition) =>
        [.. Of(competition).Where(s => s.CadreId is not null).Select(s => new NoticeAppointee(s.PostId, s.Seat, s.CadreId!.Value))];
}
