using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

public sealed record RoundTurnout(VoterCategory Category, int Issued, int Cast)
{
    public double Percent => Issued == 0 ? 0 : 100.0 * Cast / Issued;
}

public enum SlipState
{
    None,
    Printed,
    Kiosk,

    /// <summary>Shown in signed rounds only: in an unsigned round the organizer does not see who has voted.</summary>
    Voted,
}

public sealed record RoundVoter(int VoterId, string Name, VoterCategory Category, bool IsExcluded, SlipState Slip, DateTimeOffset? IssuedAt);

public sealed record RoundView(CompetitionHeader Header, RoundRow Round, IReadOnlyList<RoundGroup> Groups, IReadOnlyList<RoundItem> Items,
    IReadOnlyList<RoundTurnout> Turnout, IReadOnlyList<RoundVoter> Voters, IReadOnlyList<EvaluationStanding>? Evaluation, int Sealed, int Unsealed, Weights Weights,
    int? CountingRoundNumber = null)
{
    /// <summary>
    /// Signed rounds only: who on the roll has not cast a ballot yet; once the round has closed, who held a slip and did not
    /// use it, so that a voter excluded or added after the close does not change the list (ADR 0036).
    /// </summary>
    public IReadOnlyList<RoundVoter> NotVoted => !Round.IsSigned ? []
        : Round.Status == RoundStatus.Closed ? [.. Voters.Where(v => v.Slip is SlipState.Printed or SlipState.Kiosk)]
        : [.. Voters.Where(v => !v.IsExcluded && v.Slip != SlipState.Voted)];

    public int TotalIssued => Turnout.Sum(t => t.Issued);

    public int TotalCast => Turnout.Sum(t => t.Cast);
}

/// <summary>One round as the organizer follows it: its ballot, turnout per ballot kind, slips per voter, and an evaluation's grades.</summary>
public sealed class RoundQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<RoundView> GetAsync(int competitionId, int roundId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // The slips, the grades and the seal figures as of one moment: a ballot or a sealer pass committed between two of
        // the reads made them disagree (ballots sealed between the two seal counts were in neither).
        return await db.InOneSnapshotAsync(() => ReadAsync(db, competitionId, roundId, actor, ct), ct);
    }

    private static async Task<RoundView> ReadAsync(AppDbContext db, int competitionId, int roundId, Actor actor, CancellationToken ct)
    {
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var round = c.FindRound(roundId);
        var tokens = await db.BallotTokens.AsNoTracking()
            .Where(t => t.RoundId == roundId && t.RevokedAt == null)
            .Select(t => new { t.VoterId, t.Category, t.Used, t.Kiosk, t.IssuedAt })
            .ToDictionaryAsync(t => t.VoterId, ct);
        var voters = c.Voters.OrderBy(v => v.IsExcluded).ThenBy(v => v.Category).ThenBy(v => v.Id)
            .Select(v =>
            {
                var t = tokens.GetValueOrDefault(v.Id);
                var slip = t is null ? SlipState.None
                    : t.Used && round.IsSigned ? SlipState.Voted
                    : t.Kiosk ? SlipState.Kiosk
                    : SlipState.Printed;
                // A closed round shows the kind the voter's slip had, which a later change of kind leaves as it was.
                return new RoundVoter(v.Id, v.Name, t?.Category ?? v.Category, v.IsExcluded, slip, t?.IssuedAt);
            })
            .ToList();
        var turnout = Enum.GetValues<VoterCategory>()
            .Select(k => new RoundTurnout(k, tokens.Values.Count(t => t.Category == k), tokens.Values.Count(t => t.Used && t.Category == k)))
            .ToList();
        IReadOnlyList<EvaluationStanding>? evaluation = null;
        if (round.Kind == RoundKind.Evaluation && round.Status != RoundStatus.Prepared)
        {
            var counts = await RoundCounts.LoadAsync(db, roundId, ct);
            evaluation = c.EvaluationStandings(roundId, counts.Ballots, counts.Choices);
        }

        var sealedCount = round.IsSigned ? await db.SignedBallots.CountAsync(b => b.RoundId == roundId && b.Seq != null, ct) : 0;
        var unsealed = round.IsSigned ? await db.SignedBallots.CountAsync(b => b.RoundId == roundId && b.Seq == null, ct) : 0;
        var row = new RoundRow(round.Id, round.Number, round.Title, round.Kind, round.IsSigned, round.Status, round.LimitMode, round.FixedLimit,
            round.CreatedAt, round.OpenedAt, round.ClosesAt, round.ClosedAt, round.Items.Count, turnout.Sum(t => t.Issued), turnout.Sum(t => t.Cast));
        return new RoundView(await db.HeaderAsync(c, ct), row, round.Groups, round.Items, turnout, voters, evaluation, sealedCount, unsealed,
            c.TallyWeights, c.CountingRound?.Number);
    }
}
