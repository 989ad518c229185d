using System.Data.Common;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// Commits a change from elsewhere right after the first query that reads <paramref name="table"/> has run, once: a
/// reader that reads the rest later must still see one moment (the chains' verifications, <see cref="SnapshotReads"/>).
/// </summary>
public sealed class ChangeBetweenReads(string table, Func<Task> change) : DbCommandInterceptor
{
    private int _done;

    public bool Happened => _done == 1;

    /// <summary>A context on the suite's database whose reads let the change in.</summary>
    public AppDbContext Context(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(app.Postgres.ConnectionString("competitiveposts")).AddInterceptors(this).Options);
    }

    /// <summary>Such contexts for a query or handler that makes its own.</summary>
    public IDbContextFactory<AppDbContext> Factory(AppFixture app) => new ContextFactory(() => Context(app));

    private sealed class ContextFactory(Func<AppDbContext> create) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => create();
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
        {
            await change();
        }

        return result;
    }
}
