using System.Globalization;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Notice;

public partial class Notice
{
    private NoticeView? _view;
    private DateTime? _start;
    private int _days = PublicNotice.MinimumWorkingDays;
    private DateOnly _end;
    private string? _contact;
    private DateTime? _received;
    private int? _concerns;
    private string? _objection;
    private int? _handling;
    private string? _handlingText;
    private ObjectionResult? _result;
    private string? _conclusion;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private NoticeQuery Query { get; set; } = default!;

    [Inject]
    private PublishNotice.Handler Publisher { get; set; } = default!;

    [Inject]
    private RecordObjection.Handler Objections { get; set; } = default!;

    [Inject]
    private HandleObjection.Handler Handling { get; set; } = default!;

    [Inject]
    private CloseNotice.Handler Closer { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task LoadAsync()
    {
        _view = await Query.GetAsync(Id, Actor);
        if (_start is null)
        {
            _start = _view.ProposedStart.ToDateTime(TimeOnly.MinValue);
            _end = _view.ProposedEnd;
        }

        _received ??= _view.ProposedStart.ToDateTime(TimeOnly.MinValue);
    }

    private async Task StartChangedAsync(DateTime? value)
    {
        _start = value;
        await PreviewAsync();
    }

    private async Task DaysChangedAsync(int value)
    {
        _days = value;
        await PreviewAsync();
    }

    private async Task PreviewAsync()
    {
        if (_start is { } s)
        {
            _end = await Query.LastDayAsync(DateOnly.FromDateTime(s), _days);
        }
    }

    private async Task PublishAsync()
    {
        if (_start is not { } s)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Publish the notice"],
            L["Publish the appointees from {0} to {1}? The list cannot be changed once published.", Date(DateOnly.FromDateTime(s)), Date(_end)],
            yesText: L["Publish the notice"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Publisher.HandleAsync(Id, Actor, new PublishNotice.Command(DateOnly.FromDateTime(s), _days, _contact ?? "")),
                "The notice is published.");
        }
    }

    private async Task RecordAsync()
    {
        var when = _received is { } r ? DateOnly.FromDateTime(r) : DateOnly.MinValue;
        if (await RunAsync(() => Objections.HandleAsync(Id, Actor, new RecordObjection.Command(when, _objection ?? "", _concerns, _view?.Notice?.Revision)),
                "The objection is recorded."))
        {
            _objection = null;
            _concerns = null;
        }
    }

    private void StartHandling(int number)
    {
        _handling = number;
        _handlingText = null;
        _result = null;
    }

    private async Task HandleAsync()
    {
        if (_handling is not { } number)
        {
            return;
        }

        if (_result is not { } result)
        {
            Snackbar.Add(L["Choose the result of the objection."], Severity.Error);
            return;
        }

        if (await RunAsync(() => Handling.HandleAsync(Id, Actor, new HandleObjection.Command(number, _handlingText ?? "", result, _view?.Notice?.Revision)),
                "The handling is recorded."))
        {
            _handling = null;
        }
    }

    private async Task CloseAsync()
    {
        // Say what is wrong before asking to confirm an irreversible step.
        if (string.IsNullOrWhiteSpace(_conclusion))
        {
            Snackbar.Add(L["Write the notice's conclusion."], Severity.Error);
            return;
        }

        // The same checks the domain makes, taken against the clock now (the page may have been open since before midnight).
        if (_view?.Notice is { } n && (!WorkingDayCalendar.HasEnded(n.EndsOn, Clock.GetUtcNow()) || n.Objections.Any(o => o.Result is null)))
        {
            Snackbar.Add(L["The notice can close after {0} once every objection is handled.", Date(n.EndsOn)], Severity.Error);
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Close the notice"],
            L["Close the notice? The appointees then hold their posts and the outcome is final."], yesText: L["Close the notice"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Closer.HandleAsync(Id, Actor, new CloseNotice.Command(_conclusion, _view?.Notice?.Revision)),
                "The notice is closed; the appointments are final.");
        }
    }
}
