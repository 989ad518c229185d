using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Features.Plan;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Review;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Features.Users;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// Where a stored value is shown, and to whom (null: nobody signed in). <paramref name="Literal"/> is
/// false where the value is not page text: inside escaped JSON (the audit trail) or in a form field.
/// </summary>
public sealed record Shown(string Url, string? Viewer, bool Literal = true);

/// <summary>What storing gave: the pages that show the value, and how to read it back from PostgreSQL.</summary>
public sealed record Stored(IReadOnlyList<Shown> Pages, Func<AppDbContext, Task<string?>> ReadBackAsync);

/// <summary>
/// One free-text field a person can fill in: <see cref="PrepareAsync"/> arranges what the field needs
/// (a competition at the right stage), and <see cref="StoreAsync"/> enters the text through the same
/// use case the page calls and says where it is shown and how to read it back. The hostile-input suite runs every case over every field in this list:
/// a branch that adds a free-text field adds a line here (docs/security.md).
/// </summary>
public sealed record FreeTextField(
    string Name,
    int MaxLength,
    Func<AppFixture, string, Task<int>> PrepareAsync,
    Func<AppFixture, int, string, Task<Stored>> StoreAsync)
{
    public override string ToString() => Name;
}

public static class HostileInputs
{
    /// <summary>Breaks out of an attribute and adds an element with a handler and a script; 47 characters, so it fits every field.</summary>
    public const string Xss = "\"'><svg onload=__xss=1><script>__xss=1</script>";

    public const string Sql = "注入'); DROP TABLE \"Units\"; --";

    private const string Strong = "Start#2026ab";

    /// <summary>Personal registration tokens by competition: issued while preparing, so that issuing is not part of what a refusal must leave unchanged.</summary>
    private static readonly ConcurrentDictionary<int, string> Links = new();

    /// <summary>The clear ballot token printed for the signing voter of each "Ballot signature" competition.</summary>
    private static readonly ConcurrentDictionary<int, string> SignatureTokens = new();

    /// <summary>The text columns of the roster template that an imported row fills with the hostile text.</summary>
    private static readonly string[] ImportedTextColumns = ["民族", "政治面貌", "专业", "现任职务", "所在处室"];

    private static T Get<T>(AppFixture app, out IServiceScope scope) where T : notnull
    {
        scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    private static async Task<Actor> OrganizerAsync(AppFixture app) => Scenarios.Organizer(await app.DemoUnitIdAsync());

    private static Task<int> Nothing(AppFixture app, string text) => Task.FromResult(0);

    private static async Task<int> DraftAsync(AppFixture app, string text)
    {
        var handler = Get<CompetitionsHandler>(app, out var scope);
        using (scope)
        {
            var unit = await app.DemoUnitIdAsync();
            return await handler.CreateAsync(Scenarios.Organizer(unit), unit, "草稿-" + Guid.NewGuid().ToString("N")[..6]);
        }
    }

    public static IReadOnlyList<FreeTextField> Fields { get; } =
    [
        new("Competition name", 100,
            Nothing,
            async (app, _, text) =>
            {
                var handler = Get<CompetitionsHandler>(app, out var scope);
                using (scope)
                {
                    var unit = await app.DemoUnitIdAsync();
                    var id = await handler.CreateAsync(Scenarios.Organizer(unit), unit, text);
                    return new Stored([new($"/competitions/{id}/roster", "organizer"), new("/", "reviewer")],
                        db => db.Competitions.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync());
                }
            }),

        new("Unit name", 100,
            Nothing,
            async (app, _, text) =>
            {
                var handler = Get<CompetitionsHandler>(app, out var scope);
                using (scope)
                {
                    var unit = await handler.CreateUnitAsync(Scenarios.Administrator, text);
                    // Shown beside its competitions on everyone's list.
                    await handler.CreateAsync(Scenarios.Organizer(unit), unit, "单位名称测试");
                    return new Stored([new("/", "reviewer")], db => db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync());
                }
            }),

        new("Cadre name", 50,
            DraftAsync,
            async (app, id, text) =>
            {
                var roster = Get<RosterHandler>(app, out var scope);
                using (scope)
                {
                    await roster.AddCadreAsync(id, await OrganizerAsync(app), text, VoterCategory.C);
                    return new Stored([new($"/competitions/{id}/roster", "organizer"), new($"/competitions/{id}/history", "observer", Literal: false)],
                        db => db.Cadres.Where(c => c.CompetitionId == id).Select(c => c.Name).FirstOrDefaultAsync());
                }
            }),

        new("Post name", 100,
            DraftAsync,
            async (app, id, text) =>
            {
                var roster = Get<RosterHandler>(app, out var scope);
                using (scope)
                {
                    await roster.AddPostAsync(id, await OrganizerAsync(app), text, PostLevel.Deputy, null, null);
                    return new Stored([new($"/competitions/{id}/roster", "organizer")],
                        db => db.Posts.Where(p => p.CompetitionId == id).Select(p => p.Name).FirstOrDefaultAsync());
                }
            }),

        new("Justification", 1000,
            async (app, _) => (await app.ReadyToDecideAsync()).CompetitionId,
            async (app, id, text) =>
            {
                var decisions = Get<DecisionsHandler>(app, out var scope);
                using (scope)
                {
                    await using var db = app.NewDb();
                    var bing = await db.Cadres.Where(c => c.CompetitionId == id && c.Name == "丙").Select(c => c.Id).SingleAsync();
                    // A written justification needs 20 letters or digits: a short payload rides behind a real reason.
                    var typed = text.Length < 40 ? DecisionSteps.Reason + text : text;
                    await decisions.DecideAsync(id, await OrganizerAsync(app), await app.PostIdAsync(id, "综合科科长"), bing, typed);
                    return new Stored([new($"/competitions/{id}/decisions", "organizer")],
                        async db => (await db.Set<Decision>().Where(d => d.CompetitionId == id).Select(d => d.Justification).FirstOrDefaultAsync())
                            ?.Replace(DecisionSteps.Reason, "", StringComparison.Ordinal));
                }
            }),

        new("Reason for refusing a filing", 1000,
            async (app, _) =>
            {
                var s = await app.ReadyToDecideAsync();
                var decisions = Get<DecisionsHandler>(app, out var scope);
                using (scope)
                {
                    var organizer = await OrganizerAsync(app);
                    await decisions.DecideAsync(s.CompetitionId, organizer, await app.PostIdAsync(s.CompetitionId, "综合科科长"), s.Id("乙"), null);
                    await app.RecordMeetingAsync(s.CompetitionId, organizer);
                    await decisions.SubmitFilingAsync(s.CompetitionId, organizer);
                    return s.CompetitionId;
                }
            },
            async (app, id, text) =>
            {
                var filings = Get<FilingsHandler>(app, out var scope);
                using (scope)
                {
                    await filings.RefuseAsync(id, Scenarios.Reviewer, text);
                    return new Stored([new($"/competitions/{id}/decisions", "organizer"), new($"/filings/{id}", "reviewer")],
                        db => db.Set<Filing>().Where(f => f.CompetitionId == id).Select(f => f.ReviewNote).FirstOrDefaultAsync());
                }
            }),

        // The signature must be the voter's own name, so the voter here is named with the text itself
        // (when a cadre name can hold it) and signs with it.
        new("Ballot signature", 50,
            async (app, text) =>
            {
                await using var db = app.NewDb();
                var c = new Competition(await app.DemoUnitIdAsync(), "签名-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow);
                c.AddCadre(VoterName(text), VoterCategory.A);
                c.AddCadre(TestCadres.Eligible("乙", VoterCategory.B), DateTimeOffset.UtcNow);
                db.Competitions.Add(c);
                db.Audit(() => c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                var post = c.AddPost("岗位", PostLevel.Principal, null, null);
                db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                c.ResetToZero(DateTimeOffset.UtcNow);
                c.OpenRegistration();
                c.Register(c.Cadres.Single(x => x.Name == "乙").Id, post.Id, false);
                c.CloseRegistration();
                c.ApproveAllEligible(DateTimeOffset.UtcNow);
                c.PublishQualifiedList(DateTimeOffset.UtcNow);
                c.DrawSpeechOrder(SpeechGrouping.ByRank, DateTimeOffset.UtcNow);
                c.IssueVoterRoll();
                var round = c.CreateRound(new RoundSettings(RoundKind.Recommendation), DateTimeOffset.UtcNow);
                db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                c.OpenRound(round.Id, DateTimeOffset.UtcNow);
                db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                // The slip is printed while arranging, so the store step adds nothing but the ballot.
                SignatureTokens[c.Id] = (await Scenarios.IssueTokensAsync(db, round, c.Voters.Where(v => v.Name == VoterName(text))))[VoterName(text)];
                return c.Id;
            },
            async (app, id, text) =>
            {
                await using var db = app.NewDb();
                var round = await db.VotingRounds.Where(r => r.CompetitionId == id).Select(r => r.Id).SingleAsync();
                var token = SignatureTokens[id];
                var result = await app.SubmitAsync(token, TestBallots.Fields([], text));
                if (result.Outcome != SubmitOutcome.Accepted)
                {
                    throw (result.Problems is [var first, ..] ? first : new DomainMessage("The ballot was not accepted.")).ToException();
                }

                return new Stored([new($"/competitions/{id}/voting/rounds/{round}", "organizer")],
                    db => db.SignedBallots.Where(b => b.RoundId == round).Select(b => b.SignedName).FirstOrDefaultAsync());
            }),

        new("Account display name", 50,
            Nothing,
            async (app, _, text) =>
            {
                var create = Get<CreateUser.Handler>(app, out var scope);
                using (scope)
                {
                    var userId = await create.HandleAsync(Scenarios.Administrator,
                        new CreateUser.Command("m-text-" + Guid.NewGuid().ToString("N")[..8], text, ActorRoles.Reviewer, [], Strong));
                    return new Stored([new("/admin/users", "admin"), new($"/admin/users/{userId}", "admin", Literal: false)],
                        db => db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync());
                }
            }),

        // Issue 5: the roster's other text columns, entered through the cadre form.
        CadreText("Cadre ethnicity", (d, t) => d with { Ethnicity = t }, c => c.Ethnicity),
        CadreText("Cadre political status", (d, t) => d with { PoliticalStatus = t }, c => c.PoliticalStatus),
        CadreText("Cadre major", (d, t) => d with { Major = t }, c => c.Major),
        CadreText("Cadre current title", (d, t) => d with { CurrentTitle = t }, c => c.CurrentTitle, onRoster: true),
        CadreText("Cadre department", (d, t) => d with { Department = t }, c => c.Department, onRoster: true),
        CadreText("Cadre kin name", (d, t) => d with { KinName = t }, c => c.KinName),
        CadreText("Cadre kin relation", (d, t) => d with { KinRelation = t }, c => c.KinRelation),

        new("Reason for a correction after the reset", 500,
            async (app, _) => (await app.ArrangeAsync(CompetitionStatus.Reset)).CompetitionId,
            async (app, id, text) =>
            {
                var edit = Get<EditRoster>(app, out var scope);
                using (scope)
                {
                    await edit.AddCadreAsync(id, await OrganizerAsync(app), TestCadres.Eligible("戊"), text);
                    return new Stored([new($"/competitions/{id}/history", "observer", Literal: false)], db => AuditReasonAsync(db, id, AuditActions.CadreAdd));
                }
            }),

        PostText("Post department", 100, (d, t) => d with { Department = t }, p => p.Department),
        PostText("Post preferred majors", 500, (d, t) => d with { PreferredMajors = t }, p => p.PreferredMajors),
        PostText("Post other requirements", 500, (d, t) => d with { OtherRequirements = t }, p => p.OtherRequirements),

        // The roster import reads the same columns from a file: hostile cells are refused or stored as text, never run.
        ImportCell("Roster import cell (.xlsx)", "名册.xlsx", RosterFiles.Xlsx),
        ImportCell("Roster import cell (.csv)", "名册.csv", rows => RosterFiles.Csv(rows, Encoding.UTF8, bom: true)),

        new("Reason for an eligibility override", 500,
            async (app, _) =>
            {
                var s = await app.ArrangeAsync(CompetitionStatus.Draft);
                var edit = Get<EditRoster>(app, out var scope);
                using (scope)
                {
                    // Not on the establishment: a rule that an organizer may override with a reason.
                    await edit.AddCadreAsync(s.CompetitionId, await OrganizerAsync(app), TestCadres.Eligible("戊") with { InService = false });
                }

                return s.CompetitionId;
            },
            async (app, id, text) =>
            {
                var plan = Get<PlanHandler>(app, out var scope);
                using (scope)
                {
                    await plan.OverrideAsync(id, await OrganizerAsync(app), await CadreIdAsync(app, id, "戊"), await app.PostIdAsync(id, "综合科副科长"), text);
                    return new Stored([new($"/competitions/{id}/history", "observer", Literal: false)],
                        db => db.Set<EligibilityOverride>().Where(o => o.CompetitionId == id).Select(o => o.Reason).FirstOrDefaultAsync());
                }
            }),

        new("Registration statement", Competition.StatementLength,
            async (app, _) => (await app.ArrangeAsync(CompetitionStatus.Registration)).CompetitionId,
            async (app, id, text) =>
            {
                var register = Get<Register>(app, out var scope);
                using (scope)
                {
                    await register.ByOrganizerAsync(id, await OrganizerAsync(app),
                        new Register.Command(await CadreIdAsync(app, id, "丙"), [await app.PostIdAsync(id, "综合科科长")], true, text));
                    return new Stored([new($"/competitions/{id}/registration", "organizer"), new($"/competitions/{id}/registration", "reviewer")],
                        db => db.Set<CadreRegistration>().Where(r => r.CompetitionId == id).Select(r => r.Statement).FirstOrDefaultAsync());
                }
            }),

        // The cadre's own anonymous page /r/{token}: the same use case the form posts to.
        new("Registration statement through the personal link", Competition.StatementLength,
            async (app, _) => await WithLinkAsync(app, await app.ArrangeAsync(CompetitionStatus.Registration), registered: false),
            async (app, id, text) =>
            {
                var self = Get<SelfRegistration>(app, out var scope);
                using (scope)
                {
                    if (!await self.SubmitAsync(Links[id], [await app.PostIdAsync(id, "综合科科长")], true, text, null))
                    {
                        throw new InvalidOperationException("the personal link admitted nobody");
                    }

                    return new Stored([new($"/r/{Links[id]}", null, Literal: false), new($"/competitions/{id}/registration", "organizer")],
                        db => db.Set<CadreRegistration>().Where(r => r.CompetitionId == id).Select(r => r.Statement).FirstOrDefaultAsync());
                }
            }),

        new("Withdrawal reason", 500,
            async (app, _) => (await app.ArrangeAsync(CompetitionStatus.Review)).CompetitionId,
            (app, id, text) => WithdrawByOrganizerAsync(app, id, "丙", text)),

        // After the draw a withdrawal also takes the candidate out of the speech order, which keeps the reason too.
        new("Withdrawal reason after the draw", 500,
            async (app, _) => (await app.AtSpeechesAsync(drawn: true)).CompetitionId,
            (app, id, text) => WithdrawByOrganizerAsync(app, id, "张卫东", text)),

        new("Withdrawal reason through the personal link", 500,
            async (app, _) => await WithLinkAsync(app, await app.ArrangeAsync(CompetitionStatus.Registration), registered: true),
            async (app, id, text) =>
            {
                var self = Get<SelfRegistration>(app, out var scope);
                using (scope)
                {
                    if (!await self.WithdrawAsync(Links[id], text))
                    {
                        throw new InvalidOperationException("the personal link admitted nobody");
                    }

                    return new Stored([new($"/r/{Links[id]}", null), new($"/competitions/{id}/registration", "organizer")],
                        db => db.Set<CadreRegistration>().Where(r => r.CompetitionId == id).Select(r => r.WithdrawalReason).FirstOrDefaultAsync());
                }
            }),

        new("Reason for rejecting a registration", 500,
            async (app, _) => (await app.ArrangeAsync(CompetitionStatus.Review)).CompetitionId,
            async (app, id, text) =>
            {
                var review = Get<ReviewHandler>(app, out var scope);
                using (scope)
                {
                    var application = await ApplicationIdAsync(app, id, "丙");
                    await review.RejectAsync(id, await OrganizerAsync(app), application, text);
                    return new Stored([new($"/competitions/{id}/review", "organizer"), new($"/competitions/{id}/review", "reviewer")], db => ReviewNoteAsync(db, application));
                }
            }),

        // After the qualified list is published every change needs a reason: here a rejected candidate is approved again.
        new("Reason for a change after publication", 500,
            async (app, _) =>
            {
                var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
                var review = Get<ReviewHandler>(app, out var scope);
                using (scope)
                {
                    await review.RejectAsync(s.CompetitionId, await OrganizerAsync(app), await ApplicationIdAsync(app, s.CompetitionId, "丙"), "材料不全");
                }

                return s.CompetitionId;
            },
            async (app, id, text) =>
            {
                var review = Get<ReviewHandler>(app, out var scope);
                using (scope)
                {
                    var application = await ApplicationIdAsync(app, id, "丙");
                    await review.ApproveAsync(id, await OrganizerAsync(app), application, text);
                    return new Stored([new($"/competitions/{id}/review", "reviewer")], db => ReviewNoteAsync(db, application));
                }
            }),

        // Issue 9: the speech day.
        new("Speech session venue", 100,
            async (app, _) => (await app.AtSpeechesAsync()).CompetitionId,
            async (app, id, text) =>
            {
                var add = Get<AddSpeechSession.Handler>(app, out var scope);
                using (scope)
                {
                    await add.HandleAsync(new AddSpeechSession.Command(id, "2009-06-18", "08:30", "11:30", text), await OrganizerAsync(app));
                    return new Stored([new($"/competitions/{id}/speeches", "organizer"), new($"/competitions/{id}/speeches", "observer")],
                        db => db.Set<SpeechSession>().Where(x => x.CompetitionId == id).Select(x => x.Venue).FirstOrDefaultAsync());
                }
            }),

        new("Reason for moving a speaker", Competition.ReasonMaxLength,
            async (app, _) => (await app.AtSpeechesAsync(drawn: true)).CompetitionId,
            async (app, id, text) =>
            {
                var move = Get<MoveSpeaker.Handler>(app, out var scope);
                using (scope)
                {
                    await using var db = app.NewDb();
                    var second = await db.Set<SpeechSlot>().Where(x => x.CompetitionId == id && x.Order == 2).Select(x => x.CadreId).SingleAsync();
                    await move.HandleAsync(new MoveSpeaker.Command(id, second, 1, text), await OrganizerAsync(app));
                    return new Stored([new($"/competitions/{id}/history", "observer", Literal: false)], db => AuditReasonAsync(db, id, AuditActions.SpeechMove));
                }
            }),

        new("Reason a speaker withdraws", Competition.ReasonMaxLength,
            async (app, _) => (await app.AtSpeechesAsync(drawn: true)).CompetitionId,
            async (app, id, text) =>
            {
                var withdraw = Get<WithdrawSpeaker.Handler>(app, out var scope);
                using (scope)
                {
                    await withdraw.HandleAsync(new WithdrawSpeaker.Command(id, await CadreIdAsync(app, id, "刘晓燕"), text), await OrganizerAsync(app));
                    return new Stored([new($"/competitions/{id}/speeches", "organizer"), new($"/competitions/{id}/speeches/schedule", "reviewer")],
                        db => db.Set<SpeechSlot>().Where(x => x.CompetitionId == id && x.StatusReason != null).Select(x => x.StatusReason).FirstOrDefaultAsync());
                }
            }),
    ];

    private static FreeTextField CadreText(string name, Func<CadreDetails, string, CadreDetails> set, Expression<Func<Cadre, string?>> read, bool onRoster = false) =>
        new(name, CadreDetails.TextLength,
            DraftAsync,
            async (app, id, text) =>
            {
                var edit = Get<EditRoster>(app, out var scope);
                using (scope)
                {
                    await edit.AddCadreAsync(id, await OrganizerAsync(app), set(TestCadres.Eligible("甲"), text));
                    List<Shown> pages = [new($"/competitions/{id}/history", "observer", Literal: false)];
                    if (onRoster)
                    {
                        pages.Add(new($"/competitions/{id}/roster", "organizer"));
                    }

                    return new Stored(pages, db => db.Cadres.Where(c => c.CompetitionId == id).Select(read).FirstOrDefaultAsync());
                }
            });

    private static FreeTextField PostText(string name, int maxLength, Func<PostDetails, string, PostDetails> set, Expression<Func<Post, string?>> read) =>
        new(name, maxLength,
            DraftAsync,
            async (app, id, text) =>
            {
                var edit = Get<EditRoster>(app, out var scope);
                using (scope)
                {
                    await edit.AddPostAsync(id, await OrganizerAsync(app), set(new PostDetails { Name = "综合科科长" }, text), null);
                    return new Stored([new($"/competitions/{id}/roster", "organizer"), new($"/competitions/{id}/roster", "reviewer")],
                        db => db.Posts.Where(p => p.CompetitionId == id).Select(read).FirstOrDefaultAsync());
                }
            });

    /// <summary>
    /// One cadre row of the template with the text in five text columns, checked and imported as the import page does. A
    /// refused file leaves the roster as it was; the first problem of the preview is the refusal the page lists first.
    /// </summary>
    private static FreeTextField ImportCell(string name, string fileName, Func<List<Dictionary<string, object?>>, byte[]> write) =>
        new(name, CadreDetails.TextLength,
            DraftAsync,
            async (app, id, text) =>
            {
                var import = Get<ImportRoster.Handler>(app, out var scope);
                using (scope)
                {
                    var rows = RosterFiles.Cadres(1);
                    foreach (var column in ImportedTextColumns)
                    {
                        rows[0][column] = text;
                    }

                    var organizer = await OrganizerAsync(app);
                    var preview = await import.PreviewAsync(id, organizer, RosterFile.Cadres, fileName, write(rows));
                    if (preview.FileProblem is { } file)
                    {
                        throw file.ToException();
                    }

                    if (preview.Problems.Count > 0)
                    {
                        throw new InvalidInputException([.. preview.Problems.Select(p => new FieldError($"{p.Row} · {p.Column}", p.Message.ToException()))]);
                    }

                    await import.CommitAsync(id, organizer, preview);
                    return new Stored([new($"/competitions/{id}/roster", "organizer"), new($"/competitions/{id}/history", "observer", Literal: false)],
                        db => db.Cadres.Where(c => c.CompetitionId == id).Select(c => c.Department).FirstOrDefaultAsync());
                }
            });

    private static async Task<Stored> WithdrawByOrganizerAsync(AppFixture app, int id, string cadre, string text)
    {
        var register = Get<Register>(app, out var scope);
        using (scope)
        {
            await register.WithdrawByOrganizerAsync(id, await OrganizerAsync(app), await CadreIdAsync(app, id, cadre), text);
            return new Stored([new($"/competitions/{id}/registration", "organizer"), new($"/competitions/{id}/registration", "observer")],
                db => db.Set<CadreRegistration>().Where(r => r.CompetitionId == id && r.WithdrawalReason != null).Select(r => r.WithdrawalReason).FirstOrDefaultAsync());
        }
    }

    /// <summary>A personal link for 丙, issued by the organizer; with <paramref name="registered"/> 丙 has registered through it.</summary>
    private static async Task<int> WithLinkAsync(AppFixture app, VotingScenario s, bool registered)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<RegistrationLinks>().IssueAsync(s.CompetitionId, await OrganizerAsync(app), [s.Id("丙")]);
        Links[s.CompetitionId] = issued.Single().Token;
        if (registered)
        {
            await scope.ServiceProvider.GetRequiredService<SelfRegistration>()
                .SubmitAsync(Links[s.CompetitionId], [await app.PostIdAsync(s.CompetitionId, "综合科科长")], true, null, null);
        }

        return s.CompetitionId;
    }

    private static async Task<int> CadreIdAsync(AppFixture app, int id, string name)
    {
        await using var db = app.NewDb();
        return await db.Cadres.Where(c => c.CompetitionId == id && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static async Task<int> ApplicationIdAsync(AppFixture app, int id, string cadre)
    {
        var cadreId = await CadreIdAsync(app, id, cadre);
        await using var db = app.NewDb();
        return await db.Set<Application>().Where(a => a.CompetitionId == id && a.CadreId == cadreId).Select(a => a.Id).SingleAsync();
    }

    private static Task<string?> ReviewNoteAsync(AppDbContext db, int applicationId) =>
        db.Set<Application>().Where(a => a.Id == applicationId).Select(a => a.ReviewNote).FirstOrDefaultAsync();

    /// <summary>A reason kept only on the audit trail: the <c>reason</c> of the action's newest entry.</summary>
    private static async Task<string?> AuditReasonAsync(AppDbContext db, int id, string action)
    {
        var detail = await db.AuditEntries.Where(e => e.CompetitionId == id && e.Action == action).OrderByDescending(e => e.Seq).Select(e => e.Detail).FirstOrDefaultAsync();
        return detail is null ? null : JsonDocument.Parse(detail).RootElement.GetProperty("reason").GetString();
    }

    /// <summary>The voter is named with the text when a name can hold it, so that signing with the text is signing one's own name.</summary>
    private static string VoterName(string text) => text.Trim().Length is > 0 and <= 50 ? text.Trim() : "甲";

    /// <summary>The field names, so each field is its own test case in the results.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var f in Fields)
        {
            data.Add(f.Name);
        }

        return data;
    }

    public static FreeTextField Field(string name) => Fields.Single(f => f.Name == name);
}
