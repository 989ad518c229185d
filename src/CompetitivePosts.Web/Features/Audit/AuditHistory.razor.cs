using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;

namespace CompetitivePosts.Web.Features.Audit;

public partial class AuditHistory
{
    private const int PageSize = 100;
    private AuditHistoryView? _view;
    private AuditVerification? _verification;
    private string? _action;
    private string? _user;
    private int _take = PageSize;

    [Inject]
    private AuditTrail Trail { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private bool MayVerify => AuditTrail.MayVerify(Actor);

    protected override async Task LoadAsync() =>
        _view = await Trail.HistoryAsync(Id, Actor, new AuditFilter(_action, _user, _take));

    private async Task ActionChanged(string? action)
    {
        _action = action;
        _take = PageSize;
        await LoadAsync();
    }

    private async Task UserChanged(string? user)
    {
        _user = user;
        _take = PageSize;
        await LoadAsync();
    }

    private async Task MoreAsync()
    {
        _take += PageSize;
        await LoadAsync();
    }

    private Task<bool> VerifyAsync() => RunAsync(async () => _verification = await Trail.VerifyAsync(Id, Actor));
}
