namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>The system clock moved by <paramref name="shift"/>: for handlers built by hand to act "later" (expiries, notice periods).</summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
