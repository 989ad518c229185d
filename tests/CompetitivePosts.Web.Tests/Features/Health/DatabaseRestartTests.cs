using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Tests.Browser;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Health;

/// <summary>
/// PostgreSQL stopped and started again under a running app and an open page, on a cluster of its
/// own (a second AppFixture), so the rest of the suite is not disturbed.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task PostgresRestart_DuringSession_HealthReportsOutageActionSaysRetryAndNothingIsHalfWritten()
    {
        var s = await _app.ArrangeAsync(CompetitionStatus.Registration);
        using var http = new HttpClient { BaseAddress = _app.BaseUri };
        var (status, body) = await HealthAsync(http);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body));

        await using var context = await _app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("organizer");
        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/registration/links");
        var before = await DbSnapshot.TakeAsync(_app);

        var outage = Stopwatch.StartNew();
        await _app.Postgres.StopAsync();
        try
        {
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await HealthAsync(http));

            // Issuing links writes rows and an audit entry in one transaction: refused as a whole.
            await page.ClickAsync("[data-testid=issue-links]");
            var snackbar = page.Locator(".mud-snackbar", new() { HasText = "数据库" });
            await Assertions.Expect(snackbar).ToContainTextAsync("数据库暂时无法连接");
            await Assertions.Expect(snackbar).ToContainTextAsync("请稍后重试");
            await page.ShotAsync("41-database-outage-retry");
            Assert.Equal(0, await page.Locator("[data-testid=link-slip]").CountAsync());
        }
        finally
        {
            await _app.Postgres.StartAgainAsync();
        }

        // Back by itself: no restart of the app, the page still open on its circuit.
        var recovered = await UntilHealthyAsync(http);

        output.WriteLine($"outage {outage.ElapsedMilliseconds} ms; /health healthy {recovered.ElapsedMilliseconds} ms after PostgreSQL started");
        before.AssertUnchanged(await DbSnapshot.TakeAsync(_app));

        // The same click on the same circuit now works: the page lived through the outage.
        await page.ClickAsync("[data-testid=issue-links]");
        await Assertions.Expect(page.Locator("[data-testid=link-slip]").First).ToBeVisibleAsync();
        Assert.NotEqual(before.Text, (await DbSnapshot.TakeAsync(_app)).Text);
    }

    [Fact]
    public async Task BallotSubmit_DuringPostgresOutage_SaysRetryKeepsTheMarksAndCountsOnceAfter()
    {
        var s = await _app.OpenForVotingAsync();
        using var http = new HttpClient { BaseAddress = _app.BaseUri };
        using var tablet = new WebSession(_app.BaseUri);
        var url = new Uri($"/b/{s.Tokens["甲"]}", UriKind.Relative);
        var form = TestBallots.PageForm(await tablet.Http.GetStringAsync(url));
        form["Step"] = "Submit";
        form["Marks[0].CandidateId"] = s.Id("乙").ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Marks[0].Choice"] = "Agree";
        form["SignedName"] = "甲";
        form["Signature"] = TestBallots.Signature;
        var before = await DbSnapshot.TakeAsync(_app);

        string retryPage;
        await _app.Postgres.StopAsync();
        try
        {
            using (var refused = await tablet.Http.PostAsync(url, new FormUrlEncodedContent(form)))
            {
                retryPage = await refused.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            }

            Assert.Contains("data-testid=\"ballot-outage\"", retryPage, StringComparison.Ordinal);
            Assert.Contains("数据库暂时无法连接", retryPage, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"ballot-retry\"", retryPage, StringComparison.Ordinal);

            // Opening a ballot meanwhile says the same, with a link to open it again.
            using var opened = await tablet.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, opened.StatusCode);
            Assert.Contains("data-testid=\"ballot-reload\"", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await _app.Postgres.StartAgainAsync();
        }

        var recovered = await UntilHealthyAsync(http);

        before.AssertUnchanged(await DbSnapshot.TakeAsync(_app));

        // The retry form holds the voter's own marks and signature: sent as it is, the ballot counts once.
        var again = WebSession.HiddenFields(retryPage);
        Assert.Equal(form["Signature"], again["Signature"]);
        Assert.Equal("Agree", again["Marks[0].Choice"]);
        using var sent = await tablet.Http.PostAsync(url, new FormUrlEncodedContent(again));
        Assert.Contains("data-testid=\"ballot-submitted\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var twice = await tablet.Http.PostAsync(url, new FormUrlEncodedContent(again));
        Assert.Contains("data-testid=\"ballot-already\"", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = _app.NewDb();
        Assert.Equal(1, await db.SignedBallots.CountAsync(b => b.RoundId == s.RoundId));
    }

    /// <summary>Waits for /health to answer 200 by itself (no restart of the app); the time it took, measured from now.</summary>
    private static async Task<Stopwatch> UntilHealthyAsync(HttpClient http)
    {
        var recovered = Stopwatch.StartNew();
        while ((await HealthAsync(http)).Status != HttpStatusCode.OK)
        {
            Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(60), "/health did not recover within 60 s");
            await Task.Delay(200);
        }

        return recovered;
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString()!);
    }
}
