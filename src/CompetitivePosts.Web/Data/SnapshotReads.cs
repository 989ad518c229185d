using System.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Data;

public static class SnapshotReads
{
    /// <summary>
    /// Runs reads that must agree with each other in one snapshot (repeatable read): a chain's links and its head, or
    /// two countings of one round. Read one after another without it, a change committed between them (the sealer, a
    /// ballot, an audited edit) makes a head ahead of its links look like a broken chain. Inside a transaction the
    /// caller already has, the reads join it.
    /// </summary>
    public static async Task<T> InOneSnapshotAsync<T>(this AppDbContext db, Func<Task<T>> reads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reads);
        if (db.Database.CurrentTransaction is not null)
        {
            return await reads();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var result = await reads();
        await transaction.CommitAsync(ct);
        return result;
    }
}
