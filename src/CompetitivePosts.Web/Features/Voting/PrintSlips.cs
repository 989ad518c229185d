using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>One printed slip: the clear token is here and nowhere else, for as long as the sheet is on screen.</summary>
public sealed record Slip(int VoterId, string VoterName, VoterCategory Category, string Token);

public sealed record SlipBatch(string CompetitionName, int RoundNumber, string RoundTitle, RoundKind Kind, bool IsSigned, DateTimeOffset IssuedAt,
    IReadOnlyList<Slip> Slips);

/// <summary>
/// Ballot tokens (docs/adr/0015): printing issues them, one live token per voter and round, and a
/// reprint or a kiosk ballot revokes the one before in the same transaction. Only SHA-256 hashes are
/// stored; the clear tokens are returned once, to be drawn on the slips. Every issue and revocation is
/// on the competition's audit trail, naming the voters.
/// </summary>
public sealed class PrintSlips(IDbContextFactory<AppDbContext> dbFactory, SlipsNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Slips for <paramref name="voterIds"/>, or, when null, for everyone on the roll who has not voted in
    /// this round. A voter named explicitly who has already voted is refused.
    /// </summary>
    public Task<SlipBatch> IssueAsync(int competitionId, int roundId, IReadOnlyCollection<int>? voterIds, Actor actor, CancellationToken ct = default) =>
        IssueAsync(competitionId, roundId, voterIds, actor, kiosk: false, ct);

    /// <summary>
    /// Slips for everyone on the roll who has none for this round, as the server finds them now. Never stops a slip: a list
    /// taken from a page loaded earlier would stop the slips another organizer printed in the meantime.
    /// </summary>
    public Task<SlipBatch> IssueMissingAsync(int competitionId, int roundId, Actor actor, CancellationToken ct = default) =>
        IssueAsync(competitionId, roundId, voterIds: null, actor, kiosk: false, ct, missingOnly: true);

    /// <summary>A fresh token for one voter, to open their ballot on a staffed tablet now; the round must be open.</summary>
    public async Task<string> KioskAsync(int competitionId, int roundId, int voterId, Actor actor, CancellationToken ct = default) =>
        (await IssueAsync(competitionId, roundId, [voterId], actor, kiosk: true, ct)).Slips.Single().Token;

    public async Task RevokeAsync(int competitionId, int roundId, int voterId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (round, voters) = await LoadAsync(db, competitionId, roundId, actor, ct);
        round.EnsureAcceptsSlips();
        var voter = voters.FirstOrDefault(v => v.Id == voterId) ?? throw new DomainException("No such voter on the roll.");
        var token = await db.BallotTokens.FirstOrDefaultAsync(t => t.RoundId == roundId && t.VoterId == voterId && t.RevokedAt == null, ct)
            ?? throw new DomainException("{0} has no slip for this round.", voter.Name);
        token.Revoke(clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.SlipRevoke, new { round = round.Number, voter = voter.Name });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishAsync(competitionId);
    }

    private async Task<SlipBatch> IssueAsync(int competitionId, int roundId, IReadOnlyCollection<int>? voterIds, Actor actor, bool kiosk,
        CancellationToken ct, bool missingOnly = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (round, voters) = await LoadAsync(db, competitionId, roundId, actor, ct);
        if (kiosk && !round.IsOpen)
        {
            throw new DomainException("Open the round before voting on the kiosk tablet.");
        }

        var live = await db.BallotTokens.Where(t => t.RoundId == roundId && t.RevokedAt == null).ToDictionaryAsync(t => t.VoterId, ct);
        List<Voter> chosen;
        if (missingOnly)
        {
            chosen = [.. voters.Where(v => !v.IsExcluded && !live.ContainsKey(v.Id))];
            if (chosen.Count == 0)
            {
                throw new DomainException("Everyone on the roll already has a slip for this round. To replace one, print again for that voter.");
            }
        }
        else if (voterIds is null)
        {
            chosen = [.. voters.Where(v => !v.IsExcluded && live.GetValueOrDefault(v.Id) is not { Used: true })];
        }
        else
        {
            chosen = [.. voterIds.Distinct().Select(id => voters.FirstOrDefault(v => v.Id == id) ?? throw new DomainException("No such voter on the roll."))];
            if (chosen.FirstOrDefault(v => live.GetValueOrDefault(v.Id) is { Used: true }) is { } voted)
            {
                throw new DomainException("{0} has already voted in this round.", voted.Name);
            }
        }

        if (chosen.Count == 0)
        {
            throw new DomainException("Everyone on the roll has voted in this round; there is no slip to print.");
        }

        var now = clock.GetUtcNow();
        chosen = [.. chosen.OrderBy(v => v.Category).ThenBy(v => v.Id)];

        // Revocations go first, in their own statement: the live-token index allows one live token per voter and round.
        var replaced = 0;
        foreach (var voter in chosen)
        {
            if (live.TryGetValue(voter.Id, out var old))
            {
                old.Revoke(now);
                replaced++;
            }
        }

        db.Audit(competitionId, actor.Who, kiosk ? AuditActions.KioskBallot : AuditActions.SlipsPrint,
            new { round = round.Number, voters = chosen.Select(v => v.Name).ToArray(), replaced });
        await db.SaveChangesAsync(ct);

        var slips = new List<Slip>(chosen.Count);
        foreach (var voter in chosen)
        {
            var (token, clear) = BallotToken.Issue(round, voter, now, kiosk);
            db.BallotTokens.Add(token);
            slips.Add(new Slip(voter.Id, voter.Name, voter.Category, clear));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishAsync(competitionId);

        var name = await db.Competitions.Where(c => c.Id == competitionId).Select(c => c.Name).FirstAsync(ct);
        return new SlipBatch(name, round.Number, round.Title, round.Kind, round.IsSigned, now, slips);
    }

    /// <summary>
    /// The round and the roll, read with the competition held (the caller's transaction, ADR 0036): a voter excluded or given
    /// another ballot kind meanwhile is seen here, or waits until these slips are saved (it then revokes or moves them).
    /// </summary>
    private static async Task<(VotingRound Round, List<Voter> Voters)> LoadAsync(AppDbContext db, int competitionId, int roundId, Actor actor,
        CancellationToken ct)
    {
        await db.HoldForChangeAsync(competitionId, actor, ct);
        var status = await db.Competitions.Where(c => c.Id == competitionId).Select(c => c.Status).FirstAsync(ct);
        var round = await db.VotingRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.CompetitionId == competitionId, ct)
            ?? throw new DomainException("No such round in this competition.");
        if (round.Status == RoundStatus.Prepared && status > CompetitionStatus.Voting)
        {
            // The voting has ended: this round can never open, so a slip for it could never be used.
            throw new DomainException("The voting has ended: round {0} will not open, so no slip is printed or revoked for it.", round.Number);
        }

        var voters = await db.Voters.AsNoTracking().Where(v => v.CompetitionId == competitionId).ToListAsync(ct);
        return (round, voters);
    }
}
