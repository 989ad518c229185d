using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Roster;

public enum RosterFile
{
    Cadres,
    Posts,
}

/// <summary>
/// Importing cadres or posts from .xlsx or .csv in two steps: a preview that lists every problem of
/// every row by row and column, and a commit that applies all rows in one transaction or none.
/// </summary>
public static class ImportRoster
{
    public sealed record Preview(
        RosterFile Kind,
        string FileName,
        int Rows,
        ImportCounts Counts,
        IReadOnlyList<ImportProblem> Problems,
        DomainMessage? FileProblem,
        IReadOnlyList<int> RowNumbers,
        IReadOnlyList<CadreDetails> Cadres,
        IReadOnlyList<(PostDetails Post, string? HolderName)> Posts)
    {
        public bool CanCommit => FileProblem is null && Problems.Count == 0 && Rows > 0;
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        /// <summary>Reads and checks the file against the roster as it is now; saves nothing.</summary>
        public async Task<Preview> PreviewAsync(int competitionId, Actor actor, RosterFile kind, string fileName, byte[] content,
            IProgress<double>? progress = null, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var competition = await db.LoadForViewAsync(competitionId, actor, ct);
            actor.EnsureCanManage(competition.UnitId);
            if (competition.Status != CompetitionStatus.Draft)
            {
                throw new DomainException("This cannot be done while the competition is at stage {0}.", competition.Status);
            }

            Sheet sheet;
            try
            {
                // Reading is CPU work on a possibly large file: off the circuit's thread, so the progress bar moves.
                sheet = await Task.Run(() => Spreadsheets.Read(fileName, content, Scaled(progress, 0, 0.5)), ct);
            }
            catch (SpreadsheetException ex)
            {
                return Refused(kind, fileName, ex.Problem);
            }

            var expected = kind == RosterFile.Cadres ? RosterColumns.CadreHeaders : RosterColumns.PostHeaders;
            var problems = new List<ImportProblem>();
            problems.AddRange(expected.Where(h => !sheet.Headers.Contains(h))
                .Select(h => new ImportProblem(1, h, new DomainMessage("The column is missing; use the template's headers."))));
            problems.AddRange(sheet.Headers.Where(h => h.Length > 0 && !expected.Contains(h))
                .Select(h => new ImportProblem(1, h, new DomainMessage("The template has no such column."))));
            problems.AddRange(sheet.Headers.GroupBy(h => h).Where(g => g.Key.Length > 0 && g.Count() > 1)
                .Select(g => new ImportProblem(1, g.Key, new DomainMessage("The column appears more than once."))));
            if (problems.Count > 0)
            {
                return new Preview(kind, fileName, sheet.Rows.Count, new ImportCounts(0, 0, 0), problems, null, [], [], []);
            }

            var numbers = sheet.Rows.Select(r => r.Number).ToList();
            var scaled = Scaled(progress, 0.5, 1);
            return await Task.Run(() =>
            {
                if (kind == RosterFile.Cadres)
                {
                    var rows = new List<CadreDetails>(sheet.Rows.Count);
                    foreach (var row in sheet.Rows)
                    {
                        rows.Add(RosterColumns.ReadCadre(row, problems));
                        Report(scaled, rows.Count, sheet.Rows.Count);
                    }

                    var plan = competition.PlanCadreImport(rows, clock.GetUtcNow(), numbers);
                    Merge(problems, plan.Problems.Select(p => new ImportProblem(p.Row, RosterColumns.CadreColumn(p.Field), p.Problem)));
                    return new Preview(kind, fileName, rows.Count, plan.Counts, Sorted(problems), null, numbers, rows, []);
                }
                else
                {
                    var rows = new List<(PostDetails, string?)>(sheet.Rows.Count);
                    foreach (var row in sheet.Rows)
                    {
                        rows.Add(RosterColumns.ReadPost(row, problems));
                        Report(scaled, rows.Count, sheet.Rows.Count);
                    }

                    var plan = competition.PlanPostImport(rows, numbers);
                    Merge(problems, plan.Problems.Select(p => new ImportProblem(p.Row, RosterColumns.PostColumn(p.Field), p.Problem)));
                    return new Preview(kind, fileName, rows.Count, plan.Counts, Sorted(problems), null, numbers, [], rows);
                }
            }, ct);
        }

        /// <summary>Applies a clean preview in one transaction with one audit entry, checking it again against the roster now.</summary>
        public async Task<ImportCounts> CommitAsync(int competitionId, Actor actor, Preview preview, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(preview);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var competition = await db.LoadForChangeAsync(competitionId, actor, ct);
            if (!preview.CanCommit)
            {
                throw new DomainException("Fix every problem in the file and check it again before importing.");
            }

            var now = clock.GetUtcNow();
            var stale = preview.Kind == RosterFile.Cadres
                ? competition.PlanCadreImport(preview.Cadres, now, preview.RowNumbers).Problems.Count > 0
                : competition.PlanPostImport(preview.Posts, preview.RowNumbers).Problems.Count > 0;
            if (stale)
            {
                throw new DomainException("The roster changed since the file was checked; check the file again.");
            }

            var counts = preview.Kind == RosterFile.Cadres
                ? competition.ImportCadres(preview.Cadres, now, preview.RowNumbers)
                : competition.ImportPosts(preview.Posts, preview.RowNumbers);
            db.Audit(competitionId, actor.Who, preview.Kind == RosterFile.Cadres ? AuditActions.CadresImport : AuditActions.PostsImport,
                new { file = preview.FileName, rows = preview.Rows, added = counts.Added, changed = counts.Changed, unchanged = counts.Unchanged });
            await db.SaveChangesAsync(ct);
            return counts;
        }

        private static Preview Refused(RosterFile kind, string fileName, DomainMessage problem) =>
            new(kind, fileName, 0, new ImportCounts(0, 0, 0), [], problem, [], [], []);

        /// <summary>A cell that could not be read is reported once, not again by the rule that then sees no value.</summary>
        private static void Merge(List<ImportProblem> problems, IEnumerable<ImportProblem> more)
        {
            var cells = problems.Select(p => (p.Row, p.Column)).ToHashSet();
            problems.AddRange(more.Where(p => !cells.Contains((p.Row, p.Column))));
        }

        private static List<ImportProblem> Sorted(List<ImportProblem> problems) =>
            [.. problems.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal)];

        private static Relay? Scaled(IProgress<double>? progress, double from, double to) =>
            progress is null ? null : new Relay(v => progress.Report(from + ((to - from) * v)));

        private static void Report(IProgress<double>? progress, int done, int total)
        {
            if (done % 200 == 0 || done == total)
            {
                progress?.Report((double)done / total);
            }
        }

        private sealed class Relay(Action<double> report) : IProgress<double>
        {
            public void Report(double value) => report(value);
        }
    }
}
