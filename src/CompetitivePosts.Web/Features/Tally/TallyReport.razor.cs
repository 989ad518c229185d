using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.AspNetCore.Components;

namespace CompetitivePosts.Web.Features.Tally;

public partial class TallyReport
{
    private TallyView? _view;
    private RoundView? _evaluation;
    private DateTimeOffset _at;
    private string? _monitors;
    private string? _counters;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "round")]
    public int? Round { get; set; }

    private CompetitionHeader? Header => _evaluation?.Header ?? _view?.Header;

    private (int Number, string Title, RoundKind Kind, RoundStatus Status)? RoundTitle =>
        _evaluation is { Round: var e } ? (e.Number, e.Title, e.Kind, e.Status)
        : _view?.Round is { } r ? (r.Number, r.Title, r.Kind, r.Status)
        : null;

    private IReadOnlyList<(VoterCategory Category, int Issued, int Cast, double Percent)> TurnoutRows =>
        _evaluation is { } e ? [.. e.Turnout.Select(t => (t.Category, t.Issued, t.Cast, t.Percent))]
        : [.. (_view?.Turnout ?? []).Select(t => (t.Category, t.Voters, t.Ballots, t.Percent))];

    protected override async Task LoadAsync()
    {
        // An evaluation round is tallied by grade per incumbent, with the round page's own standings (none before it opens).
        var round = Round is { } r ? await Rounds.GetAsync(Id, r, Actor) : null;
        if (round is { Round.Kind: RoundKind.Evaluation })
        {
            _evaluation = round;
        }
        else
        {
            _view = await Query.GetAsync(Id, Actor, Round);
        }

        _at = Clock.GetUtcNow();
    }

    /// <summary>One signature line per name entered; blank lines to sign by hand when fewer were entered.</summary>
    private static IEnumerable<string> Names(string? text, int atLeast)
    {
        var names = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10).ToList();
        return names.Concat(Enumerable.Repeat("", Math.Max(0, atLeast - names.Count)));
    }
}
