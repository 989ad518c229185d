using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

/// <summary>
/// A competition at the speeches stage: 刘 and 陈 for the two principal posts, 张 for the deputy
/// post first and then a principal one, 李 for the deputy post.
/// </summary>
internal static class SpeechScenario
{
    public const string Seed = "2009200920092009200920092009200920092009200920092009200920092009";

    public static (Scenario S, Post Deputy) Registered()
    {
        var s = Standard();
        var deputy = s.C.Post("办公室副主任", level: PostLevel.Deputy);
        s.C.OpenForRegistration();
        s.C.Register(s.Liu.Id, s.Office.Id, false);
        s.C.Register(s.Zhang.Id, deputy.Id, true);
        s.C.Register(s.Chen.Id, s.Finance.Id, false);
        s.C.Register(s.Li.Id, deputy.Id, false);
        s.C.Register(s.Zhang.Id, s.Office.Id, true);
        AssignIds(s.C);
        s.C.Qualify();
        return (s, deputy);
    }

    public static Scenario Drawn(SpeechGrouping grouping = SpeechGrouping.ByRank, AbsentPolicy absent = AbsentPolicy.MoveToEnd, int questions = 0)
    {
        var (s, _) = Registered();
        s.C.SetSpeechPlan(5, questions, 1, absent);
        s.C.DrawSpeechOrder(grouping, Seed, Now);
        return s;
    }

    /// <summary>Cadre ids in the current order.</summary>
    public static List<int> Order(this Competition c) => [.. c.SpeechSlots.OrderBy(x => x.Order).Select(x => x.CadreId)];

    public static SpeechSlot Slot(this Competition c, int cadreId) => c.SpeechSlots.Single(x => x.CadreId == cadreId);
}
