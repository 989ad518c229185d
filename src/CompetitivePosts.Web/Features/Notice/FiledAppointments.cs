using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Notice;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>One seat of a competed post as the organization department filed it: an appointee, or vacant.</summary>
public sealed record FiledSeat(int PostId, int Seat, int? CadreId);

/// <summary>
/// The one place the notice and the outcome reports read the committee's decisions: which seats the
/// organization department accepted for filing (备案), and who fills them. A competition is Accepted
/// only once its filing's every decision was accepted (docs/adr/0023), so its decisions, seat by seat,
/// are the filed ones.
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

        var competed = competition.Posts.Where(p => !p.IsExcluded).Select(p => p.Id).ToHashSet();
        return
        [
            .. competition.Decisions.Where(d => competed.Contains(d.PostId)).OrderBy(d => d.PostId).ThenBy(d => d.Seat)
                .Select(d => new FiledSeat(d.PostId, d.Seat, d.AppointeeId)),
        ];
    }

    public static IReadOnlyList<NoticeAppointee> Appointees(Competition competition) =>
        [.. Of(competition).Where(s => s.CadreId is not null).Select(s => new NoticeAppointee(s.PostId, s.Seat, s.CadreId!.Value))];
}
