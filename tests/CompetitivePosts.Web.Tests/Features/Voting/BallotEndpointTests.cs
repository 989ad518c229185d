using System.Net;
using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// The ballot page over real HTTP, as a tablet or a hand-made request posts it: whatever the body, the voter
/// gets a page in Chinese that says what is wrong, never a 500 or a sign-in page, and nothing is saved.
/// </summary>
[Collection(AppTests.Name)]
public partial class BallotEndpointTests(AppFixture app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private static readonly RoundSettings Round = new(RoundKind.Recommendation, IsSigned: false, LimitMode: AgreeLimitMode.Fixed, FixedLimit: 1);

    private (HttpClient Client, CookieContainer Cookies) NewClient()
    {
        var cookies = new CookieContainer();
#pragma warning disable CA2000 // The client owns and disposes the handler.
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = app.BaseUri };
#pragma warning restore CA2000
        return (client, cookies);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "Marks[0].CandidateId=abc&Marks[0].Choice=Agree", "不在本选票上" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=Agree&Marks[1].CandidateId={yi}&Marks[1].Choice=Disagree", "被标记了不止一次" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=Agree&Marks[1].CandidateId={bing}&Marks[2].CandidateId={yi}&Marks[2].Choice=Disagree", "多于选票上的人数" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=99", "不是本选票的选项" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=Agree%2CDisagree", "不是本选票的选项" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=Agree&Marks[0].Choice=Disagree", "表单被改动或不完整" },
        { "Marks[0].CandidateId={yi}&Marks[0].Choice=Agree&Marks[1].CandidateId={bing}&Marks[1].Choice=Agree", "同意不超过1人" },
        { "Marks[x].CandidateId={yi}&Marks[x].Choice=Agree", "表单被改动或不完整" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadBallotBody_GetsAChinesePageAndSavesNothing(string body, string chinese)
    {
        var s = await app.OpenForVotingAsync(settings: Round);
        var (client, _) = NewClient();
        using (client)
        {
            var token = Antiforgery().Match(await client.GetStringAsync($"b/{s.Tokens["丙"]}")).Groups[1].Value;
            var before = await app.SnapshotAsync(s.CompetitionId, s.RoundId);
            var fields = body.Replace("{yi}", s.Id("乙").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{bing}", s.Id("丙").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

            using var response = await client.PostAsync($"b/{s.Tokens["丙"]}", Form($"Step=Submit&{fields}&__RequestVerificationToken={Uri.EscapeDataString(token)}"));
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"ballot-error\"", html, StringComparison.Ordinal);
            Assert.Contains(chinese, html, StringComparison.Ordinal);
            Assert.DoesNotContain("/account/login", html, StringComparison.Ordinal);
            Assert.Equal(before, await app.SnapshotAsync(s.CompetitionId, s.RoundId));

            // control: the same client, form and token with a valid body are accepted
            using var valid = await client.PostAsync($"b/{s.Tokens["丙"]}",
                Form($"Step=Submit&Marks[0].CandidateId={s.Id("乙")}&Marks[0].Choice=Agree&__RequestVerificationToken={Uri.EscapeDataString(token)}"));
            Assert.Contains("data-testid=\"ballot-submitted\"", await valid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await app.BallotCountAsync(s.RoundId));
        }
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "Step=Submit")]
    [InlineData("application/json", "{\"Step\":\"Submit\"}")]
    [InlineData("text/plain", "garbage")]
    public async Task Post_WithoutAValidAntiforgeryToken_GetsTheChineseExpiredPageAndSavesNothing(string contentType, string body)
    {
        var s = await app.OpenForVotingAsync(settings: Round);
        var (client, _) = NewClient();
        using (client)
        {
            var before = await app.SnapshotAsync(s.CompetitionId, s.RoundId);
            using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

            using var response = await client.PostAsync($"b/{s.Tokens["丁"]}", content);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("此表单已过期", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/b/{s.Tokens["丁"]}\"", html, StringComparison.Ordinal);
            Assert.Equal(before, await app.SnapshotAsync(s.CompetitionId, s.RoundId));
        }
    }

    [Fact]
    public async Task Receipt_PostWithACountedCode_SaysCountedInChinese()
    {
        var s = await app.OpenForVotingAsync();
        var receipt = (await app.VoteAsync(s, "乙", ("丙", Choice.Agree))).Receipt!;
        var (client, _) = NewClient();
        using (client)
        {
            var token = Antiforgery().Match(await client.GetStringAsync("receipt")).Groups[1].Value;

            using var counted = await client.PostAsync("receipt", Form($"Code={receipt}&__RequestVerificationToken={Uri.EscapeDataString(token)}"));
            using var unknown = await client.PostAsync("receipt", Form($"Code=0000-0000-0000-0000&__RequestVerificationToken={Uri.EscapeDataString(token)}"));

            var html = await counted.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"receipt-counted\"", html, StringComparison.Ordinal);
            Assert.Contains("已计入", html, StringComparison.Ordinal);
            Assert.DoesNotContain("乙", html, StringComparison.Ordinal); // not the voter, not a mark
            Assert.Contains("data-testid=\"receipt-not-found\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_OpenBallotFromTheCachedPage_CarriesEachVotersOwnNameTokenAndLanguage()
    {
        var s = await app.OpenForVotingAsync(settings: Round with { IsSigned = true });
        var (client, cookies) = NewClient();
        using (client)
        {
            // The first page fills the round's cached page; the second must not carry anything of the first voter's.
            var bing = await client.GetStringAsync($"b/{s.Tokens["丙"]}");
            var ding = await client.GetStringAsync($"b/{s.Tokens["丁"]}");
            cookies.Add(app.BaseUri, new Cookie(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName, "c=en-US|uic=en-US"));
            var english = await client.GetStringAsync($"b/{s.Tokens["丁"]}");

            // The name is written as the renderer writes it (Chinese as it is, not as character references), which the
            // signature check compares against.
            Assert.Contains("data-testid=\"ballot-voter\">丙</strong>", bing, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"ballot-voter\">丁</strong>", ding, StringComparison.Ordinal);
            Assert.DoesNotContain("丙</strong>", ding, StringComparison.Ordinal);
            Assert.Contains($"action=\"/b/{s.Tokens["丁"]}\"", ding, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Tokens["丙"], ding, StringComparison.Ordinal);
            Assert.DoesNotContain("cp-slot-", ding, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"zh-CN\">", ding, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en-US\">", english, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"ballot-voter\">丁</strong>", english, StringComparison.Ordinal);
            Assert.NotEqual(Antiforgery().Match(bing).Groups[1].Value, Antiforgery().Match(ding).Groups[1].Value);
        }
    }

    private static StringContent Form(string body) => new(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
}
