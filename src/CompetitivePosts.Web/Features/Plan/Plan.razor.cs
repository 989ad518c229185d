using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Plan;

public partial class Plan
{
    private PlanView? _view;
    private RulesForm _form = new();
    private PickOption? _cadre;
    private IReadOnlyList<PostEligibility>? _rows;

    [Inject]
    private PlanHandler Handler { get; set; } = default!;

    [Inject]
    private ChangeTallyWeights.Handler WeightsHandler { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private bool Manage => _view is not null && CanManage(_view.Header) && _view.Header.Status < CompetitionStatus.Voting;

    protected override async Task LoadAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        _form = RulesForm.From(_view.Rules, _view.MaxApplications);
        _rows = _cadre is null ? null : await Handler.ForCadreAsync(Id, Actor, _cadre.Id);
    }

    private Task<IEnumerable<PickOption>> Search(string? text, CancellationToken ct) => Task.FromResult(PickOption.Search(_view!.Cadres, text));

    private async Task CadreChangedAsync(PickOption? cadre)
    {
        _cadre = cadre;
        _rows = cadre is null ? null : await Handler.ForCadreAsync(Id, Actor, cadre.Id);
    }

    private async Task SaveAsync() => await RunAsync(() => Handler.ChangeAsync(Id, Actor, _form.ToRules(), _form.MaxApplications), "Saved.");

    private async Task SaveWeightsAsync(int a, int b, int c) =>
        await RunAsync(() => WeightsHandler.HandleAsync(new ChangeTallyWeights.Command(Id, a, b, c), Actor), "Saved.");

    private async Task OverrideAsync(PostEligibility row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Override the result"], L["Why may {0} compete for {1}?", _cadre!.Name, row.PostName],
            L["Override"], L["The reason goes on the audit trail and is shown in qualification review."]);
        if (reason is not null)
        {
            await RunAsync(() => Handler.OverrideAsync(Id, Actor, _cadre.Id, row.PostId, reason), "Saved.");
        }
    }

    private async Task RemoveOverrideAsync(PostEligibility row) =>
        await RunAsync(() => Handler.RemoveOverrideAsync(Id, Actor, _cadre!.Id, row.PostId), "Saved.");

    private sealed class RulesForm
    {
        public string ReferenceDate { get; set; } = "";

        public int MaxApplications { get; set; }

        public int PrincipalMaxAge { get; set; }

        public int DeputyMaxAge { get; set; }

        public CadreRank? PrincipalMinRank { get; set; }

        public int PrincipalMinYears { get; set; }

        public CadreRank? DeputyMinRank { get; set; }

        public int DeputyMinYears { get; set; }

        public EducationLevel? MinimumEducation { get; set; }

        public bool NoPoorAppraisal { get; set; }

        public bool RequireInService { get; set; }

        public int? MinimumGrassrootsYears { get; set; }

        public static RulesForm From(EligibilityRules r, int max) => new()
        {
            ReferenceDate = DateText.Format(r.ReferenceDate), MaxApplications = max,
            PrincipalMaxAge = r.PrincipalMaxAge, DeputyMaxAge = r.DeputyMaxAge, PrincipalMinRank = r.PrincipalMinRank,
            PrincipalMinYears = r.PrincipalMinYears, DeputyMinRank = r.DeputyMinRank, DeputyMinYears = r.DeputyMinYears,
            MinimumEducation = r.MinimumEducation, NoPoorAppraisal = r.NoPoorAppraisal, RequireInService = r.RequireInService,
            MinimumGrassrootsYears = r.MinimumGrassrootsYears,
        };

        public EligibilityRules ToRules() => new()
        {
            ReferenceDate = DateText.ParseOrNull(ReferenceDate) ?? throw new DomainException("“{0}” is not a date; write it as 1975-03-08.", ReferenceDate),
            PrincipalMaxAge = PrincipalMaxAge, DeputyMaxAge = DeputyMaxAge,
            PrincipalMinRank = PrincipalMinRank ?? CadreRank.DeputySection, PrincipalMinYears = PrincipalMinYears,
            DeputyMinRank = DeputyMinRank ?? CadreRank.Clerk, DeputyMinYears = DeputyMinYears, MinimumEducation = MinimumEducation,
            NoPoorAppraisal = NoPoorAppraisal, RequireInService = RequireInService, MinimumGrassrootsYears = MinimumGrassrootsYears,
        };
    }
}
