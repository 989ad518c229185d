using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitivePosts.Web.Features.Voting;

public sealed record BallotCandidate(int CadreId, string Name, string Posts);

public enum BallotState
{
    Unknown,
    Open,
    AlreadyVoted,
    NotOpen,
}

public sealed record BallotView(BallotState State, string CompetitionName, string VoterName, VoterCategory Category,
    IReadOnlyList<BallotCandidate> Candidates);

public enum SubmitOutcome
{
    Accepted,
    AlreadyVoted,
    Unknown,
    NotOpen,
    Invalid,
}

public sealed record SubmitResult(SubmitOutcome Outcome, DomainException? Error = null);

/// <summary>
/// The tablet ballot: reading it by token and committing it once. The page that uses it is
/// statically rendered, so a submit needs no Blazor circuit.
/// </summary>
public sealed class BallotSubmission(IDbContextFactory<AppDbContext> dbFactory, TallyNotifier notifier, TimeProvider clock)
{
    public async Task<BallotView> LoadAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var voter = await db.Voters.AsNoTracking().FirstOrDefaultAsync(v => v.Token == token, ct);
        if (voter is null)
        {
            return new BallotView(BallotState.Unknown, "", "", VoterCategory.C, []);
        }

        var competition = await db.CompetitionAggregate.AsNoTracking().FirstAsync(c => c.Id == voter.CompetitionId, ct);
        var voted = await db.Ballots.AnyAsync(b => b.VoterId == voter.Id, ct);
        var state = voted ? BallotState.AlreadyVoted
            : competition.Status == CompetitionStatus.Voting ? BallotState.Open
            : BallotState.NotOpen;

        // A candidate who withdrew after the speech order was drawn keeps the slot but leaves the ballot.
        var qualified = competition.Candidates.Select(c => c.Id).ToHashSet();
        var candidates = competition.SpeechSlots.Count > 0
            ? competition.SpeechSlots.OrderBy(s => s.Order).Select(s => s.CadreId).Where(qualified.Contains).ToList()
            : [.. qualified.Order()];
        var rows = candidates.Select(id => new BallotCandidate(
                id,
                competition.Cadres.First(c => c.Id == id).Name,
                string.Join("、", competition.QualifiedApplications.Where(a => a.CadreId == id).OrderBy(a => a.Preference)
                    .Select(a => competition.Posts.First(p => p.Id == a.PostId).Name))))
            .ToList();
        return new BallotView(state, competition.Name, voter.Name, voter.Category, rows);
    }

    public async Task<SubmitResult> SubmitAsync(string token, string? signedName, IReadOnlyDictionary<int, Choice> marks, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        int competitionId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var voter = await db.Voters.AsNoTracking().FirstOrDefaultAsync(v => v.Token == token, ct);
            if (voter is null)
            {
                return new SubmitResult(SubmitOutcome.Unknown);
            }

            var competition = await db.CompetitionAggregate.AsNoTracking().FirstAsync(c => c.Id == voter.CompetitionId, ct);
            if (competition.Status != CompetitionStatus.Voting)
            {
                return new SubmitResult(SubmitOutcome.NotOpen);
            }

            Ballot ballot;
            try
            {
                ballot = new Ballot(competition.Id, voter, signedName ?? "", marks,
                    [.. competition.Candidates.Select(c => c.Id)], clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return new SubmitResult(SubmitOutcome.Invalid, ex);
            }

            db.Ballots.Add(ballot);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The unique index IX_Ballots_VoterId, not this code, is what makes the token single-use.
                return new SubmitResult(SubmitOutcome.AlreadyVoted);
            }

            competitionId = competition.Id;
        }

        await notifier.PublishAsync(competitionId);
        return new SubmitResult(SubmitOutcome.Accepted);
    }
}
