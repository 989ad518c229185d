using System.Security.Claims;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Common;

/// <summary>
/// The stage links of every competition page. A live page re-renders on every push and hands the links a header equal
/// to the last; drawn again, the managers-only link asked the unit's authorization handler (a database query) each time.
/// </summary>
public class StageNavTests
{
    private static readonly CompetitionHeader Header = new(7, 3, "测试竞聘", "测试单位", CompetitionStatus.Voting, 50);

    [Fact]
    public async Task Render_EqualHeaderAgain_AsksTheUnitHandlerOnce()
    {
        await using var host = await NavHost.StartAsync(Header);
        Assert.Equal(1, host.UnitChecks);
        Assert.Contains("/competitions/7/voting", host.Html, StringComparison.Ordinal);

        // Equal values in a new record, as each push composes.
        await host.ShowAsync(Header with { });
        await host.ShowAsync(Header with { Name = "测试竞聘" });

        Assert.Equal(1, host.UnitChecks);
        Assert.Contains("/competitions/7/voting", host.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ChangedHeader_DrawnAgainWithTheNewStage()
    {
        await using var host = await NavHost.StartAsync(Header);
        Assert.DoesNotContain("/competitions/7/decisions\" class=\"stage-link active-stage", host.Html, StringComparison.Ordinal);

        await host.ShowAsync(Header with { Status = CompetitionStatus.Deciding });

        Assert.Equal(2, host.UnitChecks);
        Assert.Contains("/competitions/7/decisions\" class=\"stage-link active-stage", host.Html, StringComparison.Ordinal);
    }

    /// <summary>Counts the checks of the unit requirement and allows them (the real handler asks the database).</summary>
    private sealed class CountingUnitHandler : AuthorizationHandler<CompetitionUnitRequirement>
    {
        private int _checks;

        public int Checks => _checks;

        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CompetitionUnitRequirement requirement)
        {
            Interlocked.Increment(ref _checks);
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }

    private sealed class Organizer : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "organizer"), new Claim(ClaimTypes.Role, Roles.Organizer)], "test"))));
    }

    private sealed class OnTheTally : NavigationManager
    {
        public OnTheTally() => Initialize("http://localhost/", "http://localhost/competitions/7/tally");
    }

    /// <summary>Renders the links inside the cascading sign-in state and gives them a new header, as a page does on each push.</summary>
    private sealed class NavHost : IAsyncDisposable
    {
        private readonly RenderedPage<NavPage> _page;
        private readonly CountingUnitHandler _handler;

        private NavHost(RenderedPage<NavPage> page, CountingUnitHandler handler) => (_page, _handler) = (page, handler);

        public string Html => _page.Html;

        public int UnitChecks => _handler.Checks;

        public static async Task<NavHost> StartAsync(CompetitionHeader header)
        {
            var handler = new CountingUnitHandler();
            var services = RenderedPage.Services()
                .AddSingleton<NavigationManager, OnTheTally>()
                .AddSingleton<AuthenticationStateProvider, Organizer>()
                .AddSingleton<IAuthorizationHandler>(handler)
                .AddCascadingAuthenticationState()
                .AddAuthorizationCore(o => o.AddPolicy(Policies.CompetitionManagers,
                    p => p.RequireAuthenticatedUser().RequireRole(Roles.Organizer).AddRequirements(new CompetitionUnitRequirement(Manage: true))))
                .BuildServiceProvider();
            // RenderComponentAsync returns once the page is quiescent: the AuthorizeView has asked by then.
            return new NavHost(await RenderedPage<NavPage>.StartAsync(services, new() { [nameof(NavPage.Header)] = header }), handler);
        }

        public Task ShowAsync(CompetitionHeader header) => _page.ChangeAsync(p => p.Show(header));

        public ValueTask DisposeAsync() => _page.DisposeAsync();
    }
}

/// <summary>A page in this test: it hands <see cref="StageNav"/> the header it is given, as the live tally does on each push.</summary>
public sealed class NavPage : ComponentBase
{
    [Parameter]
    public CompetitionHeader Header { get; set; } = default!;

    [Parameter]
    public Action<NavPage>? Ready { get; set; }

    public void Show(CompetitionHeader header)
    {
        Header = header;
        StateHasChanged();
    }

    protected override void OnInitialized() => Ready?.Invoke(this);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenComponent<StageNav>(0);
        builder.AddComponentParameter(1, nameof(StageNav.Header), Header);
        builder.AddComponentParameter(2, nameof(StageNav.Current), "tally");
        builder.CloseComponent();
    }
}
