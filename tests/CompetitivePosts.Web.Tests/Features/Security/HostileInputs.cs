using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Features.Roster;
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

        new("Reason a post is excluded", 200,
            DraftAsync,
            async (app, id, text) =>
            {
                var roster = Get<RosterHandler>(app, out var scope);
                using (scope)
                {
                    await roster.AddPostAsync(id, await OrganizerAsync(app), "保密岗位", PostLevel.Principal, text, null);
                    return new Stored([new($"/competitions/{id}/roster", "reviewer")],
                        db => db.Posts.Where(p => p.CompetitionId == id).Select(p => p.ExclusionReason).FirstOrDefaultAsync());
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
                    await decisions.DecideAsync(id, await OrganizerAsync(app), await app.PostIdAsync(id, "综合科科长"), bing, text);
                    return new Stored([new($"/competitions/{id}/decisions", "organizer")],
                        db => db.Set<Decision>().Where(d => d.CompetitionId == id).Select(d => d.Justification).FirstOrDefaultAsync());
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
                c.AddCadre("乙", VoterCategory.B);
                db.Competitions.Add(c);
                db.Audit(() => c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                var post = c.AddPost("岗位", PostLevel.Principal, null, null);
                db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                c.ResetToZero(DateTimeOffset.UtcNow);
                c.Register(c.Cadres.Single(x => x.Name == "乙").Id, post.Id, false);
                c.CloseRegistration();
                c.DrawSpeechOrder(7);
                c.IssueVoterRoll();
                c.OpenVoting();
                db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
                await db.SaveChangesAsync();
                return c.Id;
            },
            async (app, id, text) =>
            {
                await using var db = app.NewDb();
                var token = await db.Voters.Where(v => v.CompetitionId == id && v.Name == VoterName(text)).Select(v => v.Token).SingleAsync();
                var ballots = Get<BallotSubmission>(app, out var scope);
                using (scope)
                {
                    var result = await ballots.SubmitAsync(token, text, new Dictionary<int, Choice>());
                    if (result.Error is not null)
                    {
                        throw result.Error;
                    }

                    return new Stored([new($"/competitions/{id}/voting", "organizer")],
                        db => db.Ballots.Where(b => b.CompetitionId == id).Select(b => b.SignedName).FirstOrDefaultAsync());
                }
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
    ];

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
