using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Tests.Speeches;

public class SpeechScheduleTests
{
    [Fact]
    public void Draw_SameSeed_GivesSameOrderWhateverTheInputOrder()
    {
        var a = SpeechSchedule.Draw([5, 3, 9, 1, 7], 2009);
        var b = SpeechSchedule.Draw([1, 9, 7, 3, 5, 5], 2009);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Draw_AnySeed_IsAPermutationOfTheCandidates()
    {
        int[] ids = [.. Enumerable.Range(1, 40)];

        Assert.Equal(ids, SpeechSchedule.Draw(ids, 7).Order());
    }

    [Fact]
    public void Draw_DifferentSeeds_GiveDifferentOrders()
    {
        int[] ids = [.. Enumerable.Range(1, 20)];

        Assert.NotEqual(SpeechSchedule.Draw(ids, 1), SpeechSchedule.Draw(ids, 2));
    }
}
