using System.Reflection;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

public class CompetitionSpeechesTests
{
    [Fact]
    public void DrawSpeechOrder_ByRank_PrincipalPostsFirstAndEachCandidateOnce()
    {
        var s = SpeechScenario.Drawn(SpeechGrouping.ByRank);
        var order = s.C.Order();

        // 张 applied for the deputy post first, so 张 speaks once, with the deputies.
        Assert.Equal(4, order.Count);
        Assert.Equal(new[] { s.Liu.Id, s.Chen.Id }.Order(), order.Take(2).Order());
        Assert.Equal(new[] { s.Zhang.Id, s.Li.Id }.Order(), order.Skip(2).Order());
        Assert.Equal([0, 0, 1, 1], s.C.SpeechSlots.OrderBy(x => x.Order).Select(x => x.DrawGroup));
        Assert.Equal(SpeechDraw.CurrentVersion, s.C.DrawAlgorithm);
        Assert.Equal(SpeechScenario.Seed, s.C.DrawSeed);
    }

    [Fact]
    public void DrawSpeechOrder_ByPost_OneGroupPerPostPrincipalPostsFirst()
    {
        var s = SpeechScenario.Drawn(SpeechGrouping.ByPost);

        // 办公室主任 (刘), 财务科科长 (陈), then 办公室副主任 (张, 李), whatever the lot within the last.
        Assert.Equal([s.Liu.Id, s.Chen.Id], s.C.Order().Take(2));
        Assert.Equal(new[] { s.Zhang.Id, s.Li.Id }.Order(), s.C.Order().Skip(2).Order());
        Assert.Equal([0, 1, 2, 2], s.C.SpeechSlots.OrderBy(x => x.Order).Select(x => x.DrawGroup));
    }

    [Fact]
    public void PrimaryApplication_TwoPreferences_FirstQualifiedPreferenceComesFirst()
    {
        var s = Standard();
        var deputy = s.C.Post("办公室副主任", level: PostLevel.Deputy);
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, deputy.Id, true);
        s.C.Register(s.Zhang.Id, s.Office.Id, true);
        AssignIds(s.C);
        Assert.Equal(deputy.Id, s.C.PrimaryApplication(s.Zhang.Id).PostId);

        // Review turns down the first preference: the candidate speaks under the post they qualified for.
        s.C.CloseRegistration();
        var first = s.C.Applications.Single(a => a.CadreId == s.Zhang.Id && a.PostId == deputy.Id);
        var second = s.C.Applications.Single(a => a.CadreId == s.Zhang.Id && a.PostId == s.Office.Id);
        s.C.Reject(first.Id, "不符合该职位的专业要求", Now);
        s.C.Approve(second.Id, Now);
        Assert.Equal(s.Office.Id, s.C.PrimaryApplication(s.Zhang.Id).PostId);
    }

    [Fact]
    public void DrawSpeechOrder_KnownSeed_IsTheDocumentedAlgorithmOverTheGroups()
    {
        var s = SpeechScenario.Drawn(SpeechGrouping.ByRank);

        var expected = SpeechDraw.Order(2, SpeechScenario.Seed,
            [new[] { s.Liu.Id, s.Chen.Id }.Order().ToArray(), new[] { s.Zhang.Id, s.Li.Id }.Order().ToArray()]);

        Assert.Equal(expected, s.C.Order());
    }

    [Fact]
    public void DrawSpeechOrder_WithoutASeed_DrawsAFreshRandomSeedEachTime()
    {
        var seeds = Enumerable.Range(0, 3).Select(_ =>
        {
            var (s, _) = SpeechScenario.Registered();
            s.C.DrawSpeechOrder(SpeechGrouping.None, Now);
            return s.C.DrawSeed;
        }).ToList();

        Assert.All(seeds, seed => Assert.Matches("^[0-9a-f]{64}$", seed));
        Assert.Equal(3, seeds.Distinct().Count());
    }

    [Fact]
    public void VerifySpeechDraw_AfterAManualMove_StillHoldsForTheOrderAsDrawn()
    {
        var s = SpeechScenario.Drawn();
        var drawn = s.C.Order();
        s.C.MoveSpeaker(drawn[3], 1, "须提前离会");

        var check = s.C.VerifySpeechDraw();

        Assert.True(check.Holds);
        Assert.Equal(drawn, check.RecomputedOrder);
        Assert.NotEqual(drawn, s.C.Order());
    }

    [Fact]
    public void VerifySpeechDraw_SeedChangedAfterTheDraw_FindsTheOrderDoesNotMatch()
    {
        var s = SpeechScenario.Drawn();
        Assert.True(s.C.VerifySpeechDraw().OrderMatches); // control: the untouched draw holds

        // What someone rewriting the record would do: keep the order, claim another seed.
        var property = typeof(Competition).GetProperty(nameof(Competition.DrawSeed), BindingFlags.Public | BindingFlags.Instance)!;
        var other = Enumerable.Range(0, 100).Select(i => i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture))
            .First(seed => !SpeechDraw.Order(2, seed, s.C.VerifySpeechDraw().Groups).SequenceEqual(s.C.Order()));
        property.SetValue(s.C, other);

        var check = s.C.VerifySpeechDraw();
        Assert.False(check.OrderMatches);
        Assert.False(check.Holds);
    }

    [Fact]
    public void VerifySpeechDraw_BeforeTheDraw_IsRefused()
    {
        var (s, _) = SpeechScenario.Registered();

        Assert.Throws<DomainException>(s.C.VerifySpeechDraw);
    }

    [Fact]
    public void MoveSpeaker_WithAReason_MovesAndRenumbersEveryoneBetween()
    {
        var s = SpeechScenario.Drawn();
        var before = s.C.Order();
        var revision = s.C.SpeechProgress!.Revision;

        s.C.MoveSpeaker(before[3], 2, "须提前离会");

        Assert.Equal([before[0], before[3], before[1], before[2]], s.C.Order());
        Assert.Equal([1, 2, 3, 4], s.C.SpeechSlots.Select(x => x.Order).Order());
        Assert.True(s.C.SpeechProgress.Revision > revision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void MoveSpeaker_WithoutAReason_IsRefusedAndNothingMoves(string reason)
    {
        var s = SpeechScenario.Drawn();
        var before = s.C.Order();

        var ex = Assert.Throws<DomainException>(() => s.C.MoveSpeaker(before[3], 1, reason));

        Assert.Equal("A manual change needs a reason.", ex.MessageKey);
        Assert.Equal(before, s.C.Order());
    }

    [Fact]
    public void MoveSpeaker_BeforeSomeoneAlreadyCalled_IsRefused()
    {
        var s = SpeechScenario.Drawn();
        var before = s.C.Order();
        s.C.StartSpeech(Now);

        Assert.Throws<DomainException>(() => s.C.MoveSpeaker(before[3], 1, "提前"));
        s.C.MoveSpeaker(before[3], 2, "提前"); // control: a move among those still waiting is allowed
        Assert.Equal([before[0], before[3], before[1], before[2]], s.C.Order());
    }

    [Fact]
    public void SetSpeechPlan_OutOfRangeOrAfterTheSpeechesBegin_IsRefused()
    {
        var s = SpeechScenario.Drawn();

        Assert.Throws<DomainException>(() => s.C.SetSpeechPlan(0, 0, 1, AbsentPolicy.Skip));
        Assert.Throws<DomainException>(() => s.C.SetSpeechPlan(5, -1, 1, AbsentPolicy.Skip));
        Assert.Throws<DomainException>(() => s.C.SetSpeechPlan(5, 0, 31, AbsentPolicy.Skip));
        s.C.SetSpeechPlan(8, 2, 1, AbsentPolicy.Skip); // control
        Assert.Equal((8, 2, AbsentPolicy.Skip), (s.C.SpeechMinutes, s.C.QuestionMinutes, s.C.AbsentPolicy));

        s.C.StartSpeech(Now);
        Assert.Throws<DomainException>(() => s.C.SetSpeechPlan(10, 0, 1, AbsentPolicy.Skip));
        Assert.Equal(8, s.C.SpeechMinutes);
    }

    [Fact]
    public void AddSpeechSession_OverlappingOrEndingBeforeItStarts_IsRefused()
    {
        var s = SpeechScenario.Drawn();
        var day = new DateOnly(2009, 6, 18);
        s.C.AddSpeechSession(day, new TimeOnly(8, 30), new TimeOnly(11, 30), "第一会议室");

        Assert.Throws<DomainException>(() => s.C.AddSpeechSession(day, new TimeOnly(11, 0), new TimeOnly(12, 0), "第二会议室"));
        Assert.Throws<DomainException>(() => s.C.AddSpeechSession(day, new TimeOnly(15, 0), new TimeOnly(14, 0), "第一会议室"));
        Assert.Throws<DomainException>(() => s.C.AddSpeechSession(day, new TimeOnly(14, 0), new TimeOnly(17, 0), " "));
        s.C.AddSpeechSession(day, new TimeOnly(11, 30), new TimeOnly(12, 0), "第一会议室"); // control: touching is not overlapping
        Assert.Equal(2, s.C.SpeechSessions.Count);
    }

    [Fact]
    public void SpeechTimetable_TwoSessionsOnTwoDays_TimesFollowTheCurrentOrderAndSkipWithdrawn()
    {
        var s = SpeechScenario.Drawn(questions: 3);
        s.C.SetSpeechPlan(5, 3, 2, AbsentPolicy.Skip);
        s.C.AddSpeechSession(new DateOnly(2009, 6, 19), new TimeOnly(9, 0), new TimeOnly(10, 0), "第二会议室");
        s.C.AddSpeechSession(new DateOnly(2009, 6, 18), new TimeOnly(16, 0), new TimeOnly(16, 20), "第一会议室");
        var order = s.C.Order();
        s.C.WithdrawSpeaker(order[1], "本人书面申请放弃", Now);

        var times = s.C.SpeechTimetable();

        // Turns of 5 + 3 minutes every 10: 16:00 and 16:10 fit the first afternoon, the last goes to the next morning.
        Assert.Equal(order, times.Select(t => t.Slot.CadreId));
        Assert.Equal(
            [new DateTime(2009, 6, 18, 16, 0, 0), null, new DateTime(2009, 6, 18, 16, 10, 0), new DateTime(2009, 6, 19, 9, 0, 0)],
            times.Select(t => t.Time.Start));
    }
}
