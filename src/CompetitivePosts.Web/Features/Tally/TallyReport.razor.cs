using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;

namespace CompetitivePosts.Web.Features.Tally;

public partial class TallyReport
{
    private TallyView? _view;
    private DateTimeOffset _at;
    private string? _monitors;
    private string? _counters;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "round")]
    public int? Round { get; set; }

    protected override async Task LoadAsync()
    {
        // One load for either kind: a recommendation round ranked 4:3:3 per post, an evaluation round graded per incumbent.
        _view = await Query.GetAsync(Id, Actor, Round);
        _at = Clock.GetUtcNow();
    }

    /// <summary>One signature line per name entered; blank lines to sign by hand when fewer were entered.</summary>
    private static IEnumerable<string> Names(string? text, int atLeast)
    {
        var names = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10).ToList();
        return names.Concat(Enumerable.Repeat("", Math.Max(0, atLeast - names.Count)));
    }
}
