using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// Seals and verifies each signed round's ballot chain (docs/adr/0017). Submits insert ballots with
/// their own content hash and never wait for each other; sealing links committed ballots in batches,
/// one sealer per round at a time (an advisory lock), and moves the round's head in the same transaction.
/// </summary>
public sealed class BallotChainService(IDbContextFactory<AppDbContext> dbFactory, ChainNotifier notifier, ILogger<BallotChainService> log)
{
    // pg_advisory_xact_lock(int, int): the first key says "ballot chain", the second which round.
    private const int ChainLockClass = 0x42414C54;
    private const int Batch = 2000;

    /// <summary>Seals every committed, unsealed ballot of the round and, if there were any, tells the round's pages; returns how many.</summary>
    public async Task<int> SealAsync(int roundId, CancellationToken ct = default)
    {
        var (total, competitionId) = await SealAllAsync(roundId, ct);
        if (competitionId is { } id)
        {
            // After the transactions, and never failing the seal (or a close that sealed): a page that misses the news
            // shows the figures at its next reload.
            try
            {
                await notifier.PublishAsync(id);
            }
#pragma warning disable CA1031 // The ballots are sealed whatever happens to the news.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.LogWarning("The news of {Count} sealed ballots of round {RoundId} was not sent: {Message}", total, roundId, ex.Message);
            }
        }

        return total;
    }

    private async Task<(int Total, int? CompetitionId)> SealAllAsync(int roundId, CancellationToken ct)
    {
        var total = 0;
        int? competitionId = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockClass}, {roundId})", ct);
            var unsealed = await db.SignedBallots.AsNoTracking()
                .Where(b => b.RoundId == roundId && b.Seq == null)
                .OrderBy(b => b.Id)
                .Select(b => new { b.Id, b.ContentHash })
                .Take(Batch)
                .ToListAsync(ct);
            if (unsealed.Count == 0)
            {
                return (total, competitionId);
            }

            competitionId ??= await db.VotingRounds.Where(r => r.Id == roundId).Select(r => r.CompetitionId).FirstAsync(ct);

            var head = await db.BallotChainHeads.FirstOrDefaultAsync(h => h.RoundId == roundId, ct);
            if (head is null)
            {
                head = new BallotChainHead(roundId);
                db.BallotChainHeads.Add(head);
            }

            var links = BallotChain.Seal(head.Seq, head.Hash, unsealed.Select(b => (b.Id, b.ContentHash)));
            long[] ids = [.. links.Select(l => l.BallotId)];
            long[] seqs = [.. links.Select(l => l.Seq)];
            string[] prevs = [.. links.Select(l => l.PrevHash)];
            string[] hashes = [.. links.Select(l => l.ChainHash)];
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "SignedBallots" AS b SET "Seq" = v.seq, "PrevHash" = v.prev, "ChainHash" = v.hash
                FROM unnest({ids}, {seqs}, {prevs}, {hashes}) AS v(id, seq, prev, hash)
                WHERE b."Id" = v.id
                """, ct);
            head.MoveTo(links[^1].Seq, links[^1].ChainHash);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += links.Count;
        }
    }

    /// <summary>Recomputes the round's chain from the stored ballots (<see cref="BallotChain.Verify"/>).</summary>
    public async Task<BallotChainVerification> VerifyAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await VerifyAsync(db, roundId, ct);
    }

    /// <summary>The same check on any database, such as a restored backup (deploy/restore.sh).</summary>
    public static async Task<BallotChainVerification> VerifyAsync(AppDbContext db, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The sealer and the ballots go on while the round is verified: the four reads see one moment.
        return await db.InOneSnapshotAsync(async () =>
        {
            var sealedBallots = await db.SignedBallots.AsNoTracking().Where(b => b.RoundId == roundId && b.Seq != null).OrderBy(b => b.Seq).ToListAsync(ct);
            var unsealed = await db.SignedBallots.CountAsync(b => b.RoundId == roundId && b.Seq == null, ct);
            var head = await db.BallotChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.RoundId == roundId, ct);
            var used = await db.BallotTokens.CountAsync(t => t.RoundId == roundId && t.Used, ct);
            return BallotChain.Verify(sealedBallots, head?.Seq ?? 0, head?.Hash ?? BallotChain.Genesis, used, unsealed);
        }, ct);
    }

    /// <summary>Rounds with ballots waiting to be sealed.</summary>
    internal async Task<IReadOnlyList<int>> PendingRoundsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignedBallots.Where(b => b.Seq == null).Select(b => b.RoundId).Distinct().ToListAsync(ct);
    }
}

/// <summary>
/// The voting rounds' background work: seals new signed ballots every few seconds (so the chain
/// follows the vote without any submit waiting for it) and closes rounds whose scheduled close has come.
/// </summary>
internal sealed class RoundHousekeeping(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock,
    ILogger<RoundHousekeeping> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass is logged and retried on the next tick; it must not stop the service.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.LogWarning("Round housekeeping failed and will run again: {Message}", ex.Message);
            }
        }
    }

    internal async Task RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var now = clock.GetUtcNow();
        List<(int CompetitionId, int RoundId)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = [.. (await db.VotingRounds.AsNoTracking()
                    .Where(r => r.Status == RoundStatus.Open && r.ClosesAt != null && r.ClosesAt <= now)
                    .Select(r => new { r.CompetitionId, r.Id })
                    .ToListAsync(ct))
                .Select(r => (r.CompetitionId, r.Id))];
        }

        foreach (var (competitionId, roundId) in due)
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseScheduledAsync(competitionId, roundId, ct);
                log.LogInformation("Closed round {RoundId} at its scheduled time", roundId);
            }
            catch (DomainException ex)
            {
                log.LogInformation("Scheduled close of round {RoundId} not done: {Reason}", roundId, ex.MessageKey);
            }
        }

        var chain = scope.ServiceProvider.GetRequiredService<BallotChainService>();
        foreach (var roundId in await chain.PendingRoundsAsync(ct))
        {
            await chain.SealAsync(roundId, ct);
        }
    }
}
