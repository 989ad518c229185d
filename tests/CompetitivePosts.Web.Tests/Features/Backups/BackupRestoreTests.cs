using System.Diagnostics;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Backups;

/// <summary>deploy/backup.sh and deploy/restore.sh, run as an operator runs them, on the suite's database.</summary>
[Collection(AppTests.Name)]
public sealed class BackupRestoreTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task BackupThenRestore_IntoFreshDatabase_AuditAndBallotChainsAreIntactAndTamperingIsReported()
    {
        // At least one competition with a long chain: arranged, voted, closed.
        var s = await app.ReadyToDecideAsync();
        var dump = Path.Combine(Path.GetTempPath(), "cp-test-" + Guid.NewGuid().ToString("N")[..8] + ".dump");
        var target = "restored_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var backup = await RunAsync("backup.sh", dump);
            var restore = await RunAsync("restore.sh", dump, target);
            output.WriteLine($"backup {backup.Elapsed.TotalSeconds:0.0} s, {new FileInfo(dump).Length / 1024} KiB; restore {restore.Elapsed.TotalSeconds:0.0} s");

            await using var source = app.NewDb();
            await using var restored = Open(target);
            var chains = await source.AuditHeads.AsNoTracking().OrderBy(h => h.CompetitionId).Select(h => new { h.CompetitionId, h.Seq, h.Hash }).ToListAsync();
            var restoredChains = await restored.AuditHeads.AsNoTracking().OrderBy(h => h.CompetitionId).Select(h => new { h.CompetitionId, h.Seq, h.Hash }).ToListAsync();
            // The suite keeps writing while this runs, so the copy holds every chain as of the dump, each a prefix or equal.
            Assert.Contains(restoredChains, c => c.CompetitionId == s.CompetitionId);
            Assert.True(restoredChains.Count > 1, "expected several chains in the dump");
            var verified = 0;
            var tamperedBySuite = 0;
            foreach (var chain in restoredChains)
            {
                // AuditTrailTests tamper chains of the shared database on purpose: a chain broken in
                // the source must not be required intact in the copy; every other one must be.
                if (!(await AuditTrail.VerifyChainAsync(source, chain.CompetitionId)).Intact)
                {
                    tamperedBySuite++;
                    continue;
                }

                var result = await AuditTrail.VerifyChainAsync(restored, chain.CompetitionId);
                Assert.True(result.Intact, $"chain {chain.CompetitionId} broken in the restored copy: {result.Break} at {result.AtSeq}");
                verified += result.Entries;
            }

            var original = chains.Single(c => c.CompetitionId == s.CompetitionId);
            Assert.Equal(original, restoredChains.Single(c => c.CompetitionId == s.CompetitionId));
            // The ballots' own chain (ADR 0017) comes through too: same head, every link recomputed in the copy.
            var ballotChain = await BallotChainService.VerifyAsync(restored, s.RoundId);
            Assert.Null(ballotChain.Break);
            Assert.Equal(4, ballotChain.Ballots);
            Assert.Equal(await source.SignedBallots.CountAsync(b => b.RoundId == s.RoundId), await restored.SignedBallots.CountAsync(b => b.RoundId == s.RoundId));
            output.WriteLine($"{restoredChains.Count} chains, {verified} entries verified in the restored copy ({tamperedBySuite} chains tampered by other tests skipped)");

            // Control: the same check reports a copy whose history was edited after the dump.
            // The append-only trigger came with the dump, so the edit has to bypass triggers, as an intruder with the superuser would.
            var edit = $"""UPDATE "AuditEntries" SET "UserName" = '另一个人' WHERE "CompetitionId" = {s.CompetitionId} AND "Seq" = 2""";
#pragma warning disable EF1002, EF1003 // The only value is an int id from the test itself.
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => restored.Database.ExecuteSqlRawAsync(edit));
            await restored.Database.ExecuteSqlRawAsync("SET session_replication_role = replica; " + edit);
#pragma warning restore EF1002, EF1003
            var tampered = await AuditTrail.VerifyChainAsync(restored, s.CompetitionId);
            Assert.Equal((AuditBreak?)AuditBreak.Content, tampered.Break);
            Assert.Equal(2, tampered.AtSeq);

            // Restore never overwrites: the same target again is refused and keeps its rows.
            var again = await RunAsync("restore.sh", dump, target, expectSuccess: false);
            Assert.Equal(3, again.ExitCode);
            Assert.Contains("refuses to overwrite", again.Output, StringComparison.Ordinal);
            Assert.Equal(AuditBreak.Content, (await AuditTrail.VerifyChainAsync(restored, s.CompetitionId)).Break);

            // Control for the ballot chain: a choice changed in the copy after the dump is found.
#pragma warning disable EF1002, EF1003 // The only value is an int id from the test itself.
            await restored.Database.ExecuteSqlRawAsync(
                $"""UPDATE "SignedBallots" SET "Choices"[1] = 3 - "Choices"[1] WHERE "Id" = (SELECT min("Id") FROM "SignedBallots" WHERE "RoundId" = {s.RoundId})""");
#pragma warning restore EF1002, EF1003
            Assert.NotNull((await BallotChainService.VerifyAsync(restored, s.RoundId)).Break);
        }
        finally
        {
            File.Delete(dump);
            await using var db = app.NewDb();
#pragma warning disable EF1002 // The name is made above from a GUID.
            await db.Database.ExecuteSqlRawAsync($"DROP DATABASE IF EXISTS \"{target}\" WITH (FORCE)");
#pragma warning restore EF1002
        }
    }

    private AppDbContext Open(string database) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(app.Postgres.ConnectionString(database)).Options);

    private async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(string script, string file, string? database = null, bool expectSuccess = true)
    {
        var psi = new ProcessStartInfo(Path.Combine(Repository.Root, "deploy", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        psi.ArgumentList.Add(file);
        if (database is not null)
        {
            psi.ArgumentList.Add(database);
        }

        psi.Environment["PGHOST"] = "127.0.0.1";
        psi.Environment["PGPORT"] = app.Postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = "postgres";
        psi.Environment["PGDATABASE"] = "competitiveposts";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        output.WriteLine($"deploy/{script}: exit {process.ExitCode}\n{text}");
        if (expectSuccess && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/{script} exited {process.ExitCode}: {text}");
        }

        return (process.ExitCode, text, watch.Elapsed);
    }
}
