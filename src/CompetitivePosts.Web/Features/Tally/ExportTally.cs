using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>The round's tally as .xlsx, recounted from the stored ballots: one sheet of results per candidate, one of turnout.</summary>
public static class ExportTally
{
    public static IReadOnlyList<string> ResultHeaders { get; } =
    [
        "职位", "名次", "候选人", "得分(%)",
        "A类同意", "A类不同意", "A类弃权", "A类有效票", "A类同意率(%)",
        "B类同意", "B类不同意", "B类弃权", "B类有效票", "B类同意率(%)",
        "C类同意", "C类不同意", "C类弃权", "C类有效票", "C类同意率(%)",
        "达到最低得票",
    ];

    public static IEndpointRouteBuilder MapTallyFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/competitions/{id:int}/tally/export.xlsx", async (int id, int? round, HttpContext http, TallyQuery query) =>
        {
            TallyView view;
            try
            {
                view = await query.GetAsync(id, Actor.From(http.User), round, http.RequestAborted);
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }

            // An evaluation round is tallied by grade, not scored 4:3:3: it has its own sheet.
            return view.Evaluation is not null
                ? Results.File(ExportEvaluation.Write(view), Spreadsheets.XlsxContentType, $"{view.Header.Name}-测评结果.xlsx")
                : Results.File(Write(view), Spreadsheets.XlsxContentType, $"{view.Header.Name}-计票结果.xlsx");
        }).RequireAuthorization(Policies.CompetitionViewers);
        return app;
    }

    public static byte[] Write(TallyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        static object? Rate(Domain.Tally.CategoryCounts n) =>
            n.Rate is { } r ? Math.Round(r.ToDecimal() * 100m, 2, MidpointRounding.AwayFromZero) : null;
        var rows = view.Posts.SelectMany(p => p.Candidates.Select(c =>
        {
            var row = new List<object?> { p.PostName, c.Rank, c.Name, c.Result.Percent };
            foreach (var k in Enum.GetValues<VoterCategory>())
            {
                var n = c.Result.Counts[k];
                row.AddRange([n.Agree, n.Disagree, n.Abstain, n.Ballots, Rate(n)]);
            }

            row.Add(!c.Counted ? "" : c.BelowMinimum ? "否" : "是");
            return (IReadOnlyList<object?>)row;
        }));
        var turnout = view.Turnout.Select(t => (IReadOnlyList<object?>)[t.Category.ToString() + "类", t.Voters, t.Ballots,
            Math.Round((decimal)t.Percent, 2, MidpointRounding.AwayFromZero)]);
        return Spreadsheets.WriteXlsx(
        [
            ("计票结果", ResultHeaders, rows),
            ("投票率", ["票类", "发出选票", "收回选票", "投票率(%)"], turnout),
        ]);
    }
}
