using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace CompetitivePosts.Bench;

/// <summary>One push as a watcher saw it: when it arrived (UTC) and how many ballots it covers, when the push says so.</summary>
/// <summary>A push as a watcher received it; <paramref name="Read"/> is the server's time of the read it carries, when it says.</summary>
internal readonly record struct Push(DateTimeOffset At, int? Covers, DateTimeOffset? Read = null);

/// <summary>
/// Everything that knows how the live tally reaches a client, in one class (the hub clients run in a process of their
/// own, <see cref="HubWatcher"/>): <see cref="TallyHub"/>'s <c>JoinRound(competitionId, roundId)</c> for a signed-in viewer, then coalesced "TallyUpdated" pushes
/// whose sequence number is 2 × ballots (+1 once closed, docs/adr/0021), so each push says how many
/// ballots it covers; the dashboard at <c>/competitions/{id}/tally</c> showing each category's ballots
/// in <c>[data-testid=ballots]</c>.
/// </summary>
internal sealed class LiveWatchers : IAsyncDisposable
{
    private HubWatcher? _hubs;
    private readonly List<IPage> _pages = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static async Task<LiveWatchers> StartAsync(Uri baseUri, int competitionId, int roundId, int hubClients, int dashboards)
    {
        var watchers = new LiveWatchers();
        var cookies = await SignInAsync(baseUri);
        if (hubClients > 0)
        {
            watchers._hubs = await HubWatcher.StartAsync(baseUri, cookies, competitionId, roundId, hubClients);
        }

        if (dashboards > 0)
        {
            watchers._playwright = await Playwright.CreateAsync();
            watchers._browser = await watchers._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
            });
            var context = await watchers._browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
            await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name, Value = c.Value, Domain = baseUri.Host, Path = "/",
            }));
            for (var i = 0; i < dashboards; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"/competitions/{competitionId}/tally");
                await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-testid=ballots]') !== null");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                // Each change of the shown total is recorded with the browser's clock (the same machine's clock as the server's).
                await page.EvaluateAsync("""
                    () => {
                      window.__seen = [];
                      const total = () => [...document.querySelectorAll('[data-testid=ballots]')].reduce((s, e) => s + (parseInt(e.textContent, 10) || 0), 0);
                      let last = total();
                      new MutationObserver(() => { const t = total(); if (t !== last) { last = t; window.__seen.push([Date.now(), t]); } })
                        .observe(document.body, { subtree: true, childList: true, characterData: true });
                    }
                    """);
                watchers._pages.Add(page);
            }
        }

        return watchers;
    }

    private static readonly string[] MainThreadMetrics = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "LayoutCount"];
    private ICDPSession? _metrics;
    private Dictionary<string, double>? _metricsAt;
    private Task? _trace;

    /// <summary>Starts counting the first dashboard's main-thread work (Chromium's Performance metrics, through CDP).</summary>
    public async Task StartBrowserMetricsAsync()
    {
        if (_pages.Count > 0)
        {
            _metrics = await _pages[0].Context.NewCDPSessionAsync(_pages[0]);
            await _metrics.SendAsync("Performance.enable");
            _metricsAt = await BrowserMetricsAsync(_metrics);

            // BENCH_CHROME_TRACE=file.json: a Chromium trace of the browser (every dashboard's renderer, with the JavaScript stack of
            // each forced layout), 5 s from 2 s into (1), for chrome://tracing or a script (docs/performance.md).
            if (Environment.GetEnvironmentVariable("BENCH_CHROME_TRACE") is { Length: > 0 } tracePath)
            {
                _trace = TraceAsync(_metrics, tracePath);
            }
        }
    }

    private static async Task TraceAsync(ICDPSession session, string path)
    {
        var events = new List<JsonElement>();
        var done = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            lock (events)
            {
                events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(x => x.Clone()));
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => done.TrySetResult();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack,blink,v8,toplevel",
        });
        await Task.Delay(TimeSpan.FromSeconds(5));
        await session.SendAsync("Tracing.end");
        await done.Task;
        lock (events)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new { traceEvents = events }));
        }
    }

    /// <summary>The first dashboard's main-thread work since <see cref="StartBrowserMetricsAsync"/>, as one line; null without dashboards.</summary>
    public async Task<string?> StopBrowserMetricsAsync()
    {
        if (_metrics is null || _metricsAt is null)
        {
            return null;
        }

        if (_trace is not null)
        {
            await _trace;
        }

        var now = await BrowserMetricsAsync(_metrics);
        return string.Join(" · ", MainThreadMetrics.Select(k => string.Create(CultureInfo.InvariantCulture,
            $"{k} {now.GetValueOrDefault(k) - _metricsAt.GetValueOrDefault(k):0.##}{(k.EndsWith("Duration", StringComparison.Ordinal) ? " s" : "")}")));
    }

    private static async Task<Dictionary<string, double>> BrowserMetricsAsync(ICDPSession session)
    {
        var reply = await session.SendAsync("Performance.getMetrics");
        return reply!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble(), StringComparer.Ordinal);
    }

    public IReadOnlyList<IReadOnlyList<Push>> HubPushes => _hubs?.Pushes ?? [];

    /// <summary>The hub clients' process, counted with the bench client's CPU; 0 without hub clients.</summary>
    public int HubWatcherPid => _hubs?.Pid ?? 0;

    public async Task<IReadOnlyList<IReadOnlyList<Push>>> DashboardPushesAsync()
    {
        var all = new List<IReadOnlyList<Push>>();
        foreach (var page in _pages)
        {
            var seen = await page.EvaluateAsync<JsonElement>("() => window.__seen");
            all.Add([.. seen.EnumerateArray().Select(e => new Push(DateTimeOffset.FromUnixTimeMilliseconds(e[0].GetInt64()), e[1].GetInt32()))]);
        }

        return all;
    }

    /// <summary>Signs in once as the demo organizer (the sign-in form is rate-limited per address) and shares the cookie.</summary>
    private static async Task<CookieContainer> SignInAsync(Uri baseUri)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUri };
        var page = await http.GetStringAsync("account/login");
        var form = BallotForms.HiddenFields(page);
        form["_handler"] = "login";
        form["Form.UserName"] = "organizer";
        form["Form.Password"] = DemoSeeder.Password;
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync("account/login", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as organizer answered {(int)response.StatusCode}.");
        }

        return cookies;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hubs is not null)
        {
            await _hubs.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
