using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The speech order (述职演讲), stage 3.</summary>
public partial class Competition
{
    public void DrawSpeechOrder(int seed)
    {
        EnsureStatus(CompetitionStatus.Speeches);
        // Once only: redrawing until the order suits someone would defeat the lot.
        if (SpeechSeed is not null)
        {
            throw new DomainException("The speech order has already been drawn.");
        }

        SpeechSeed = seed;
        if (!Candidates.Any())
        {
            throw new DomainException("Nobody is qualified yet.");
        }

        var order = SpeechSchedule.Draw(Candidates.Select(c => c.Id), seed);
        for (var i = 0; i < order.Count; i++)
        {
            _speechSlots.Add(new SpeechSlot(i + 1, order[i]));
        }
    }
}
