using System.Reflection;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Tests.Competitions;

/// <summary>
/// Builds a competition as the database would hand it back: entities get ids, which in production
/// PostgreSQL assigns on save.
/// </summary>
internal static class CompetitionBuilder
{
    private static int _nextId = 1;

    public static readonly DateTimeOffset Now = new(2009, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static T WithId<T>(T entity)
    {
        var property = typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!;
        if (Convert.ToInt64(property.GetValue(entity), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            property.SetValue(entity, Convert.ChangeType(Interlocked.Increment(ref _nextId), property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }

        return entity;
    }

    /// <summary>A cadre who meets every default rule of the plan for either kind of post.</summary>
    public static CadreDetails Eligible(string name, VoterCategory category = VoterCategory.C) => CadreDetails.Of(name, category) with
    {
        Gender = Gender.Male,
        BirthDate = new DateOnly(1970, 5, 1),
        Education = EducationLevel.Bachelor,
        Rank = CadreRank.DeputySection,
        RankSince = new DateOnly(2000, 1, 1),
        InService = true,
    };

    public static Cadre Cadre(this Competition c, string name, VoterCategory category = VoterCategory.C) =>
        WithId(c.AddCadre(Eligible(name, category), Now));

    public static Post Post(this Competition c, string name, Cadre? holder = null, PostExclusion? excluded = null, PostLevel level = PostLevel.Principal) =>
        WithId(c.AddPost(name, level, excluded, holder?.Id));

    /// <summary>Reset to zero and open registration.</summary>
    public static void OpenForRegistration(this Competition c)
    {
        c.ResetToZero(Now);
        c.OpenRegistration();
    }

    /// <summary>Close registration, approve everyone eligible and publish the qualified list.</summary>
    public static void Qualify(this Competition c)
    {
        c.CloseRegistration();
        AssignIds(c);
        c.ApproveAllEligible(Now);
        c.PublishQualifiedList(Now);
    }

    /// <summary>Two competed posts, one excluded; a leader (A), two principals (B) and two staff (C).</summary>
    public static Scenario Standard()
    {
        var c = new Competition(1, "测试竞争上岗", Now);
        var s = new Scenario(c)
        {
            Leader = c.Cadre("王领导", VoterCategory.A),
            Liu = c.Cadre("刘科长", VoterCategory.B),
            Chen = c.Cadre("陈科长", VoterCategory.B),
            Zhang = c.Cadre("张干部"),
            Li = c.Cadre("李干部"),
        };
        s.Office = c.Post("办公室主任", s.Liu);
        s.Finance = c.Post("财务科科长", s.Chen);
        s.Secret = c.Post("保密室主任", s.Leader, PostExclusion.ImportantSecrets);
        return s;
    }

    /// <summary>The standard scenario after speeches: 刘 and 张 apply for 办公室主任 (张 also accepts reassignment), 陈 for 财务科科长; drawn, the roll issued.</summary>
    /// <param name="arrange">Changes the standard roster before registration opens (e.g. adds a committee member).</param>
    public static Scenario AtSpeeches(Action<Scenario>? arrange = null)
    {
        var s = Standard();
        arrange?.Invoke(s);
        s.C.OpenForRegistration();
        s.C.Register(s.Liu.Id, s.Office.Id, acceptsReassignment: false);
        s.C.Register(s.Zhang.Id, s.Office.Id, acceptsReassignment: true);
        s.C.Register(s.Chen.Id, s.Finance.Id, acceptsReassignment: false);
        s.C.Qualify();
        s.C.DrawSpeechOrder(SpeechGrouping.ByRank, Now);
        s.C.IssueVoterRoll();
        AssignIds(s.C);
        return s;
    }

    public static void AssignIds(Competition c)
    {
        foreach (var a in c.Applications)
        {
            WithId(a);
        }

        foreach (var r in c.Registrations)
        {
            WithId(r);
        }

        foreach (var v in c.Voters)
        {
            WithId(v);
        }
    }
}

internal sealed class Scenario(Competition competition)
{
    public Competition C { get; } = competition;

    public Cadre Leader { get; set; } = null!;

    public Cadre Liu { get; set; } = null!;

    public Cadre Chen { get; set; } = null!;

    public Cadre Zhang { get; set; } = null!;

    public Cadre Li { get; set; } = null!;

    public Post Office { get; set; } = null!;

    public Post Finance { get; set; } = null!;

    public Post Secret { get; set; } = null!;
}
