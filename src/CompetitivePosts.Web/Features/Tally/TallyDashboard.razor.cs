using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// The live tally: the frame (posts, candidates, lines) is loaded once, each pushed snapshot is composed
/// into it on the circuit, and a snapshot older than the one shown is ignored (docs/adr/0021).
/// </summary>
public partial class TallyDashboard : FeaturePage
{
    private TallyFrame? _frame;
    private TallyView? _view;
    private long _seq = -1;
    private TallySnapshot? _shown;
    private DateTimeOffset? _updatedAt;
    private RoundStatus? _status;
    private RecountResult? _recount;
    private Weights _weights = Weights.Baoding;
    private ProjectorResults _projectorResults;
    private bool _projectorLive;

    [Inject]
    private TallyQuery Query { get; set; } = default!;

    [Inject]
    private TallyFeed Feed { get; set; } = default!;

    [Inject]
    private RecountTally Recount { get; set; } = default!;

    [Inject]
    private SetTallyProjector Projector { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "round")]
    public int? Round { get; set; }

    protected override async Task LoadAsync()
    {
        _frame = await Query.FrameAsync(Id, Actor, Round);
        _weights = _frame.Weights;
        var snapshot = _frame.Round is { } round ? await Feed.ReadAsync(round.Id) : null;
        _projectorResults = _frame.Round?.ProjectorResults ?? ProjectorResults.FullRanking;
        _projectorLive = _frame.Round?.ProjectorLiveResults ?? false;
        // A push can land while this read is under way (after a recount, a save, a status change): the newer of the two is
        // shown. Another round starts from its own read.
        var kept = snapshot is not null && _shown is { } shown && shown.RoundId == snapshot.RoundId && shown.Seq > snapshot.Seq ? shown : snapshot;
        _seq = -1;
        Apply(kept);
    }

    private void Apply(TallySnapshot? snapshot)
    {
        if (_frame is null)
        {
            return;
        }

        if (snapshot is null)
        {
            _view = _frame.Compose(RoundCounts.None);
            return;
        }

        _shown = snapshot;
        _seq = snapshot.Seq;
        _status = snapshot.Status;
        _updatedAt = snapshot.ServerTime;
        _view = _frame.Compose(snapshot.Counts, snapshot.Issued);
    }

    private async Task OnSnapshotAsync(TallySnapshot snapshot)
    {
        // A slower read that finishes after a newer one must not turn the figures back.
        if (snapshot.Seq < _seq || snapshot.RoundId != _frame?.Round?.Id)
        {
            return;
        }

        if (_status is { } shown && shown != snapshot.Status)
        {
            // The round opened or closed: the frame's round status changed too.
            await LoadAsync();
        }
        else
        {
            Apply(snapshot);
        }

        StateHasChanged();
    }

    private async Task RecountAsync()
    {
        if (_frame?.Round is not { } round)
        {
            return;
        }

        await RunAsync(async () =>
        {
            _recount = await Recount.RunAsync(Id, round.Id, Actor);
            if (!_recount.Matches)
            {
                Snackbar.Add(Localizer["Recount differs from the live counts in {0} figures:", _recount.Differences.Count], Severity.Error);
            }
        });
    }

    private Task SaveProjectorAsync() =>
        _frame?.Round is { } round
            ? RunAsync(() => Projector.RunAsync(Id, round.Id, _projectorResults, _projectorLive, Actor), "Saved.")
            : Task.CompletedTask;
}
