using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// An evaluation round (民主测评) as .xlsx, from the stored ballots: per incumbent one row per ballot kind and one for all
/// kinds, each grade's count and share of that kind's ballots; the weighted 优秀+称职 rate on the row of all kinds.
/// </summary>
public static class ExportEvaluation
{
    public const string RateHeader = "优秀+称职率(%)(加权)";

    public static IReadOnlyList<string> Headers { get; } =
    [
        "被测评人", "原任职位", "票类",
        "优秀", "优秀(%)", "称职", "称职(%)", "基本称职", "基本称职(%)", "不称职", "不称职(%)",
        "未评", "有效票", RateHeader,
    ];

    public static byte[] Write(TallyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        static object? Pct(Rational? r) => r?.ToPercent();
        var rows = (view.Evaluation ?? []).SelectMany(s =>
            Enum.GetValues<VoterCategory>().Select(k => (Kind: k + "类", Counts: s.Result.ByCategory[k], Rate: (Rational?)null))
                .Append((Kind: "合计", Counts: s.Result.Total, Rate: s.ExcellentOrCompetentRate))
                .Select(r =>
                {
                    var row = new List<object?> { s.Result.Item.Name, s.Result.Group, r.Kind };
                    foreach (var g in Enum.GetValues<Grade>())
                    {
                        row.AddRange([r.Counts.Count(g), Pct(r.Counts.Share(g))]);
                    }

                    row.AddRange([r.Counts.Ungraded, r.Counts.Ballots, Pct(r.Rate)]);
                    return (IReadOnlyList<object?>)row;
                }));
        var turnout = view.Turnout.Select(t => (IReadOnlyList<object?>)[t.Category + "类", t.Voters, t.Ballots,
            Math.Round((decimal)t.Percent, 2, MidpointRounding.AwayFromZero)]);
        return Spreadsheets.WriteXlsx(
        [
            ("测评结果", Headers, rows),
            ("投票率", ["票类", "发出选票", "收回选票", "投票率(%)"], turnout),
        ]);
    }
}
