using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Tally;

/// <summary>
/// The dashboard's chart redraws at most every <see cref="TallyChart.MinInterval"/> (docs/adr/0029) and never keeps
/// older figures than the last push once the interval has passed. Rendered with Blazor's own HtmlRenderer and a
/// hand-moved clock.
/// </summary>
public class TallyChartTests
{
    [Fact]
    public async Task Render_NewFiguresWithinTheInterval_DrawnOnlyWhenTheIntervalEnds()
    {
        var clock = new ManualClock();
        await using var host = await ChartHost.StartAsync(clock, Post(("甲干部", 1, 2), ("乙干部", 1, 4)));
        Assert.True(Before(host.Html, "甲干部", "乙干部"));

        clock.Advance(TimeSpan.FromMilliseconds(500));
        await host.ChangeAsync(f => f.Show(Post(("乙干部", 3, 4), ("甲干部", 1, 2))));
        Assert.True(Before(host.Html, "甲干部", "乙干部"), "redrawn before the interval ended");

        clock.Advance(TallyChart.MinInterval);
        await clock.FireAsync();
        await host.SettleAsync();
        Assert.True(Before(host.Html, "乙干部", "甲干部"), "the last figures were never drawn");
    }

    [Fact]
    public async Task Render_NewFiguresAfterTheInterval_DrawnAtOnce()
    {
        var clock = new ManualClock();
        await using var host = await ChartHost.StartAsync(clock, Post(("甲干部", 1, 2), ("乙干部", 1, 4)));

        clock.Advance(TallyChart.MinInterval + TimeSpan.FromMilliseconds(1));
        await host.ChangeAsync(f => f.Show(Post(("乙干部", 3, 4), ("甲干部", 1, 2))));

        Assert.True(Before(host.Html, "乙干部", "甲干部"));
        Assert.Equal(0, clock.Timers);
    }

    // Both names drawn, the first one first (the chart's labels follow the ranking).
    private static bool Before(string html, string first, string second)
    {
        var (a, b) = (html.IndexOf(first, StringComparison.Ordinal), html.IndexOf(second, StringComparison.Ordinal));
        return a >= 0 && b >= 0 && a < b;
    }

    private static PostTally Post(params (string Name, int Agree, int Of)[] candidates) => new(1, "科长", PostLevel.Principal,
    [
        .. candidates.Select((c, i) => new CandidateStanding(i + 1, c.Name,
            new CandidateResult(i + 1, TallyCalculator.Categories.ToDictionary(k => k, _ => new CategoryCounts(c.Of, c.Agree, c.Of - c.Agree, 0)),
                new Rational(c.Agree, c.Of)), i + 1, BelowMinimum: false)),
    ]);

    /// <summary>A clock the test moves; its timers fire only when the test says so.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<(DateTimeOffset Due, TimerCallback Callback, object? State)> _timers = [];
        private DateTimeOffset _now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

        public int Timers => _timers.Count;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = (_now + dueTime, callback, state);
            _timers.Add(timer);
            return new Handle(() => _timers.Remove(timer));
        }

        public async Task FireAsync()
        {
            foreach (var t in _timers.Where(t => t.Due <= _now).ToList())
            {
                t.Callback(t.State);
            }

            await Task.Yield();
        }

        private sealed class Handle(Action dispose) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose() => dispose();

            public ValueTask DisposeAsync()
            {
                dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>Renders a <see cref="TallyChart"/> and gives it new parameters, as the dashboard does on each push.</summary>
    private static class ChartHost
    {
        public static Task<RenderedPage<Frame>> StartAsync(TimeProvider clock, PostTally post) => RenderedPage<Frame>.StartAsync(
            RenderedPage.Services().AddSingleton(clock).BuildServiceProvider(),
            new() { [nameof(Frame.Post)] = post });
    }
}

/// <summary>The dashboard's part in this test: a parent that hands <see cref="TallyChart"/> a new post, as a push does.</summary>
public sealed class Frame : ComponentBase
{
    [Parameter]
    public PostTally Post { get; set; } = default!;

    [Parameter]
    public Action<Frame>? Ready { get; set; }

    public void Show(PostTally post)
    {
        Post = post;
        StateHasChanged();
    }

    protected override void OnInitialized() => Ready?.Invoke(this);

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenComponent<TallyChart>(0);
        builder.AddComponentParameter(1, nameof(TallyChart.Post), Post);
        builder.CloseComponent();
    }
}
