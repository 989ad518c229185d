using System.Globalization;
using System.Net;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Tests.Browser;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Features.ScaleOut;

/// <summary>
/// The loopback proof of ADR 0018, no Docker: two app instances on two real ports sharing the
/// suite's PostgreSQL database, Redis from apt under their live channels and SignalR hubs, and
/// nginx from apt running deploy/nginx.conf (sticky cookie, WebSocket upgrade) in front of them.
/// </summary>
[Collection(AppTests.Name)]
public sealed class TwoInstancesTests(AppFixture app)
{
    [Fact]
    public async Task Ballot_SubmittedThroughInstanceOne_AppearsOnDashboardOfInstanceTwoWithoutReload()
    {
        await using var cluster = await Cluster.StartAsync(app);
        var s = await app.OpenForVotingAsync();
        var tallyUrl = $"/competitions/{s.CompetitionId}/tally";

        // Signed in on instance one, the cookie opens instance two: one key ring in PostgreSQL.
        using var session = await WebSession.SignInAsync(cluster.One, "organizer");
        using var two = new HttpClient(new HttpClientHandler { CookieContainer = session.Cookies, AllowAutoRedirect = false }) { BaseAddress = cluster.Two };
        var onTwo = await two.GetAsync(new Uri(tallyUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, onTwo.StatusCode);

        // A SignalR client of instance two's hub, with the same cookie.
        var hubMessages = 0;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Two, TallyHub.Path.TrimStart('/')), o => o.Cookies = session.Cookies)
            .Build();
        hub.On<int>(TallyHub.TallyChanged, id => { if (id == s.CompetitionId) { Interlocked.Increment(ref hubMessages); } });
        await hub.StartAsync();
        await hub.InvokeAsync("Join", s.CompetitionId);

        // A browser through nginx, pinned to instance two by its affinity cookie.
        var browser = await app.BrowserAsync();
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = cluster.Front.ToString(), ViewportSize = BrowserHelpers.Desktop, Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "cp_affinity", Value = cluster.PinTwo, Domain = "127.0.0.1", Path = "/" }]);
        var page = await context.SignInAsync("organizer");
        var dashboard = await page.GotoAsync(tallyUrl);
        Assert.Equal("two", await dashboard!.HeaderValueAsync("x-instance"));
        await page.WaitForCircuitAsync();
        var ballots = page.Locator("[data-testid=turnout-A] [data-testid=ballots]");
        await Assertions.Expect(ballots).ToHaveTextAsync("0");

        // 甲 (category A) votes on his tablet, whose request reaches instance one.
        // 甲 approves 乙 and abstains on the rest.
        var (instance, answer) = await VoteThroughAsync(cluster.One, s, "甲", "Agree");
        Assert.Equal("one", instance);
        Assert.Contains("data-testid=\"ballot-submitted\"", answer, StringComparison.Ordinal);

        // The dashboard on instance two updates without a reload; the hub client hears it once,
        // not once per instance (only the publishing instance relays to the backplane).
        await Assertions.Expect(ballots).ToHaveTextAsync("1");
        Assert.Equal(dashboard.Url, page.Url);
        await page.ShotAsync("40-two-instances-dashboard");
        for (var i = 0; i < 50 && Volatile.Read(ref hubMessages) == 0; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        Assert.Equal(1, Volatile.Read(ref hubMessages));

        // The organizer recounts from the tally page of each instance in turn (the button runs RecountTally
        // inside that instance's circuit): both find the one stored ballot and the live counts equal to it.
        await RecountOnTallyPageAsync(browser, cluster, cluster.PinOne, "one", tallyUrl);
        await RecountOnTallyPageAsync(browser, cluster, cluster.PinTwo, "two", tallyUrl);
    }

    /// <summary>ADR 0021: each instance reads the trigger-kept counts itself, so hub clients of both show the same full counts.</summary>
    [Fact]
    public async Task JoinRound_BallotsThroughInstanceOne_HubClientsOfBothInstancesGetTheSameFullCounts()
    {
        await using var cluster = await Cluster.StartAsync(app, withNginx: false);
        var s = await app.OpenForVotingAsync();
        using var session = await WebSession.SignInAsync(cluster.One, "organizer");
        var last = new Dictionary<string, TallyPushDto>();
        var hubs = new List<HubConnection>();
        foreach (var (name, uri) in new[] { ("one", cluster.One), ("two", cluster.Two) })
        {
            var hub = new HubConnectionBuilder().WithUrl(new Uri(uri, TallyHub.Path.TrimStart('/')), o => o.Cookies = session.Cookies).Build();
            hub.On<TallyPushDto>(TallyHub.Updated, p => { lock (last) { last[name] = p; } });
            await hub.StartAsync();
            await hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId);
            hubs.Add(hub);
        }

        foreach (var (voter, choice) in new[] { ("甲", "Agree"), ("乙", "Disagree"), ("丙", "Agree") })
        {
            Assert.Contains("data-testid=\"ballot-submitted\"", (await VoteThroughAsync(cluster.One, s, voter, choice)).Body, StringComparison.Ordinal);
        }

        for (var i = 0; i < 100; i++)
        {
            lock (last)
            {
                if (last.Count == 2 && last.Values.All(p => p.Seq == 6))
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        // The tally page's recount, run by each instance's own use case over its own connection pool: each
        // recounts the three stored ballots, finds the live counts equal, and agrees with what its hub pushed.
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        foreach (var (name, services) in new[] { ("one", cluster.OneServices), ("two", cluster.TwoServices) })
        {
            using var scope = services.CreateScope();
            var recount = await scope.ServiceProvider.GetRequiredService<RecountTally>().RunAsync(s.CompetitionId, s.RoundId, organizer);
            Assert.True(recount.Matches, $"instance {name}: " + string.Join("; ", recount.Differences));
            Assert.Equal(3, recount.Ballots);
            Assert.Equal(recount.Ballots, last[name].Turnout.Sum(t => t.Ballots));
        }

        Assert.Equal(6, last["one"].Seq);
        Assert.Equal(6, last["two"].Seq);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(last["one"].Lines), System.Text.Json.JsonSerializer.Serialize(last["two"].Lines));
        Assert.Equal([1, 1, 1], last["two"].Turnout.Select(t => t.Ballots));
    }

    /// <summary>
    /// ADR 0018, Redis down (its process gone) or hung (frozen, its connections open, so every command waits for its timeout): a
    /// ballot committed on instance one is answered with its receipt, not with "nothing was saved", and instance one's own hub
    /// client still gets the push (written to it directly, not through the backplane).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submit_RedisGoneOrHungDuringVoting_BallotAnsweredWithItsReceiptAndThisInstancesHubClientPushed(bool hung)
    {
        await using var cluster = await Cluster.StartAsync(app, withNginx: false);
        var s = await app.OpenForVotingAsync();
        using var session = await WebSession.SignInAsync(cluster.One, "organizer");
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(cluster.One, TallyHub.Path.TrimStart('/')), o => o.Cookies = session.Cookies).Build();
        var pushes = new System.Collections.Concurrent.ConcurrentQueue<TallyPushDto>();
        hub.On<TallyPushDto>(TallyHub.Updated, p => pushes.Enqueue(p));
        await hub.StartAsync();
        await hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId);

        try
        {
            if (hung)
            {
                await cluster.Redis.FreezeAsync();
            }
            else
            {
                await cluster.Redis.DisposeAsync();
            }

            var (_, answer) = await VoteThroughAsync(cluster.One, s, "甲", "Agree");

            for (var i = 0; i < 200 && !pushes.Any(p => p.Seq == 2); i++)
            {
                await Task.Delay(100);
            }

            Assert.Contains("data-testid=\"ballot-submitted\"", answer, StringComparison.Ordinal);
            await using (var db = app.NewDb())
            {
                Assert.Equal(1, db.SignedBallots.Count(b => b.RoundId == s.RoundId));
            }

            var pushed = Assert.Single(pushes, p => p.Seq == 2);
            Assert.Equal(1, pushed.Turnout.Single(t => t.Category == "A").Ballots);
        }
        finally
        {
            // Gone for good before the instances stop: their SignalR backplane unsubscribes on the way out and would wait on a frozen one.
            await cluster.Redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task AddLiveChannel_RedisConfigured_AttachesEveryLiveChannel()
    {
        await using var cluster = await Cluster.StartAsync(app, withNginx: false);
        var channels = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(LiveChannel<>))
            .ToList();

        Assert.NotEmpty(channels);
        foreach (var type in channels)
        {
            // Control: the suite's own instance has no Redis, so its channels stay in-process.
            Assert.False(((ILiveChannel)app.Services.GetRequiredService(type)).IsAttached, type.Name);
            Assert.True(((ILiveChannel)cluster.OneServices.GetRequiredService(type)).IsAttached, type.Name + " is registered without AddLiveChannel");
        }
    }

    /// <summary>Signs in through nginx pinned to one instance, opens the tally page there and presses 重新计票.</summary>
    private static async Task RecountOnTallyPageAsync(IBrowser browser, Cluster cluster, string pin, string instance, string tallyUrl)
    {
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = cluster.Front.ToString(), ViewportSize = BrowserHelpers.Desktop, Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "cp_affinity", Value = pin, Domain = "127.0.0.1", Path = "/" }]);
        var page = await context.SignInAsync("organizer");
        var tally = await page.GotoAsync(tallyUrl);
        Assert.Equal(instance, await tally!.HeaderValueAsync("x-instance"));
        await page.WaitForCircuitAsync();
        await page.GetByTestId("recount").ClickAsync();
        var result = page.GetByTestId("recount-result");
        await Assertions.Expect(result).ToContainTextAsync("重新计票1张选票，与实时计数完全一致。");
        await Assertions.Expect(result).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("success"));
        await Assertions.Expect(page.Locator("[data-testid=turnout-A] [data-testid=ballots]")).ToHaveTextAsync("1");
        await page.ShotAsync($"41-two-instances-recount-{instance}");
    }

    /// <summary>Redis, two instances named "one" and "two", and (optionally) nginx in front.</summary>
    /// <summary>A tablet's signed ballot through one instance (page, then form): <paramref name="voter"/> marks 乙 with <paramref name="choice"/>.</summary>
    private static async Task<(string Instance, string Body)> VoteThroughAsync(Uri instance, VotingScenario s, string voter, string choice)
    {
        using var tablet = new WebSession(instance);
        var form = TestBallots.PageForm(await tablet.Http.GetStringAsync(new Uri($"/b/{s.Tokens[voter]}", UriKind.Relative)));
        form["Step"] = "Submit";
        form["Marks[0].CandidateId"] = s.Id("乙").ToString(CultureInfo.InvariantCulture);
        form["Marks[0].Choice"] = choice;
        form["SignedName"] = voter;
        form["Signature"] = TestBallots.Signature;
        using var submitted = await tablet.Http.PostAsync(new Uri($"/b/{s.Tokens[voter]}", UriKind.Relative), new FormUrlEncodedContent(form));
        return (submitted.Headers.GetValues("X-Instance").Single(), await submitted.Content.ReadAsStringAsync());
    }

    private sealed class Cluster : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _parts = [];

        public Uri One { get; private set; } = null!;

        /// <summary>The Redis both instances share; a test may stop it (disposing it twice is harmless).</summary>
        public LoopbackProcess Redis { get; private set; } = null!;

        public Uri Two { get; private set; } = null!;

        public Uri Front { get; private set; } = null!;

        /// <summary>An affinity cookie value that nginx sends to instance two.</summary>
        public string PinTwo { get; private set; } = "";

        public IServiceProvider OneServices { get; private set; } = null!;

        public IServiceProvider TwoServices { get; private set; } = null!;

        /// <summary>An affinity cookie value that nginx sends to instance one.</summary>
        public string PinOne { get; private set; } = "";

        public static async Task<Cluster> StartAsync(AppFixture app, bool withNginx = true)
        {
            var cluster = new Cluster();
            try
            {
                var redis = await LoopbackProcess.StartRedisAsync();
                cluster._parts.Add(redis);
                cluster.Redis = redis;
                // A prefix of its own, so two runs sharing a Redis would not hear each other.
                var prefix = "cp-test-" + Guid.NewGuid().ToString("N")[..8];
                Uri Start(string name)
                {
                    var factory = new AppFactory(app.Postgres.ConnectionString("competitiveposts"), new Dictionary<string, string>
                    {
                        ["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}",
                        ["Redis:ChannelPrefix"] = prefix,
                        ["ScaleOut:InstanceName"] = name,
                        // The suite's instance already migrated and seeded the shared database.
                        ["Database:Migrate"] = "false",
                        ["Demo:Seed"] = "false",
                    });
                    cluster._parts.Add(factory);
                    var uri = AppFixture.Serve(factory);
                    if (name == "one")
                    {
                        cluster.OneServices = factory.Services;
                    }
                    else
                    {
                        cluster.TwoServices = factory.Services;
                    }

                    return uri;
                }

                cluster.One = Start("one");
                cluster.Two = Start("two");
                if (withNginx)
                {
                    var nginx = await LoopbackProcess.StartNginxAsync([cluster.One, cluster.Two]);
                    cluster._parts.Add(nginx);
                    cluster.Front = new Uri($"http://127.0.0.1:{nginx.Port}/");
                    cluster.PinOne = await cluster.AffinityForAsync("one");
                    cluster.PinTwo = await cluster.AffinityForAsync("two");
                }

                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _parts.Count - 1; i >= 0; i--)
            {
                await _parts[i].DisposeAsync();
            }
        }

        private async Task<string> AffinityForAsync(string instance)
        {
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Front };
            var seen = new HashSet<string>();
            for (var i = 0; i < 64; i++)
            {
                var value = "pin-" + i.ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
                request.Headers.Add("Cookie", "cp_affinity=" + value);
                using var response = await http.SendAsync(request);
                var served = response.Headers.GetValues("X-Instance").Single();
                seen.Add(served);
                if (served == instance)
                {
                    return value;
                }
            }

            throw new InvalidOperationException($"nginx never chose {instance}; it chose {string.Join(", ", seen)}.");
        }
    }
}
