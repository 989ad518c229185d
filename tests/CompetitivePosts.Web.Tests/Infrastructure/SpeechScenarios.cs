using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Web.Tests.Infrastructure;

public sealed record SpeechScenario(int CompetitionId, int UnitId, IReadOnlyDictionary<string, int> Cadres)
{
    public int Id(string name) => Cadres[name];
}

/// <summary>Competitions at the speeches stage, arranged through the domain like <see cref="Scenarios"/>.</summary>
public static class SpeechScenarios
{
    /// <summary>The candidates, in the order they registered; 赵丽萍 applied for two posts.</summary>
    public static readonly string[] Candidates = ["王建国", "李明华", "张卫东", "刘晓燕", "陈志强", "赵丽萍"];

    public const string Seed = "2009200920092009200920092009200920092009200920092009200920092009";

    /// <summary>
    /// Six candidates for two principal posts and one deputy post, registration closed; drawn by
    /// rank with <see cref="Seed"/> and given one session when <paramref name="drawn"/>.
    /// </summary>
    public static async Task<SpeechScenario> AtSpeechesAsync(this AppFixture app, bool drawn = false, string? name = null)
    {
        var unitId = await app.DemoUnitIdAsync();
        await using var db = app.NewDb();
        var c = new Competition(unitId, name ?? "演讲测试-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        c.AddCadre(TestCadres.Eligible("孙书记", VoterCategory.A), now);
        c.AddCadre(TestCadres.Eligible("王建国", VoterCategory.B), now);
        c.AddCadre(TestCadres.Eligible("李明华", VoterCategory.B), now);
        foreach (var staff in new[] { "张卫东", "刘晓燕", "陈志强", "赵丽萍" })
        {
            c.AddCadre(TestCadres.Eligible(staff), now);
        }

        db.Competitions.Add(c);
        db.Audit(() => c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        int Cadre(string n) => c.Cadres.Single(x => x.Name == n).Id;
        var office = c.AddPost("办公室主任", PostLevel.Principal, null, Cadre("王建国"));
        var finance = c.AddPost("财务科科长", PostLevel.Principal, null, Cadre("李明华"));
        var deputy = c.AddPost("办公室副主任", PostLevel.Deputy, null, null);
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();

        c.ResetToZero(DateTimeOffset.UtcNow);
        c.OpenRegistration();
        c.Register(Cadre("王建国"), office.Id, false);
        c.Register(Cadre("李明华"), finance.Id, false);
        c.Register(Cadre("张卫东"), deputy.Id, true);
        c.Register(Cadre("刘晓燕"), deputy.Id, true);
        c.Register(Cadre("陈志强"), office.Id, true);
        c.Register(Cadre("赵丽萍"), deputy.Id, true);
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        // A later application for a second post, so that it has the higher id.
        c.Register(Cadre("赵丽萍"), finance.Id, true);
        c.CloseRegistration();
        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        c.ApproveAllEligible(DateTimeOffset.UtcNow);
        c.PublishQualifiedList(DateTimeOffset.UtcNow);
        if (drawn)
        {
            c.AddSpeechSession(new DateOnly(2009, 6, 18), new TimeOnly(8, 30), new TimeOnly(9, 0), "市国资委第一会议室");
            c.AddSpeechSession(new DateOnly(2009, 6, 18), new TimeOnly(14, 30), new TimeOnly(17, 30), "市国资委第一会议室");
            c.DrawSpeechOrder(SpeechGrouping.ByRank, Seed, DateTimeOffset.UtcNow);
        }

        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        return new SpeechScenario(c.Id, unitId, c.Cadres.ToDictionary(x => x.Name, x => x.Id));
    }
}
