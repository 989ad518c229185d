using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// What "nothing changed" means in the hostile-input and refusal tests: the row count of every table
/// (read from PostgreSQL's catalogue, so a new table is included without touching this), every audit
/// chain's head, and every account's failed-sign-in state.
/// </summary>
public sealed record DbSnapshot(string Text)
{
    // The key ring may gain a key at any moment; it holds no data of the competitions. The ballot sealer
    // starts a round's chain head in the background, some time after an earlier test's ballots; the
    // ballots themselves are counted in their own tables.
    private static readonly string[] Ignored = ["__EFMigrationsHistory", "DataProtectionKeys", "BallotChainHeads"];

    public static async Task<DbSnapshot> TakeAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.NewDb();
        var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
            .ToListAsync();
        var text = new StringBuilder();
        foreach (var table in tables.Where(t => !Ignored.Contains(t)))
        {
#pragma warning disable EF1002 // Table names come from the catalogue, not from input.
            var count = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
            text.Append(table).Append('=').Append(count).Append('\n');
        }

        foreach (var head in await db.AuditHeads.AsNoTracking().OrderBy(h => h.CompetitionId).ToListAsync())
        {
            text.Append("head ").Append(head.CompetitionId).Append(' ').Append(head.Seq).Append(' ').Append(head.Hash).Append('\n');
        }

        foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.UserName, u.AccessFailedCount, u.LockoutEnd, u.SecurityStamp, u.IsDisabled }).ToListAsync())
        {
            text.Append(u.UserName).Append(' ').Append(u.AccessFailedCount).Append(' ').Append(u.LockoutEnd).Append(' ').Append(u.SecurityStamp).Append(' ').Append(u.IsDisabled).Append('\n');
        }

        return new DbSnapshot(text.ToString());
    }

    /// <summary>Asserts nothing changed, naming the lines that did.</summary>
    public void AssertUnchanged(DbSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var was = Text.Split('\n');
        var now = after.Text.Split('\n');
        var diff = was.Except(now).Select(l => "- " + l).Concat(now.Except(was).Select(l => "+ " + l)).ToList();
        Assert.True(diff.Count == 0, "The database changed:\n" + string.Join("\n", diff));
    }
}
