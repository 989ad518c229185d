namespace CompetitivePosts.Domain.Speeches;

/// <summary>
/// One sitting of the speech meeting: a date, a venue and the hours it may use, as wall-clock
/// time in China (the meeting's own clock). Speakers fill sessions in date and time order.
/// </summary>
public class SpeechSession
{
    public const int VenueMaxLength = 100;

    private SpeechSession() { Venue = ""; }

    internal SpeechSession(DateOnly date, TimeOnly start, TimeOnly end, string venue)
    {
        if (end <= start)
        {
            throw new DomainException("A session must end after it starts.");
        }

        Date = date;
        Start = start;
        End = end;
        Venue = Guard.Required(venue, "A session needs a venue.", VenueMaxLength);
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    /// <summary>No speech is planned to run past this time.</summary>
    public TimeOnly End { get; private set; }

    public string Venue { get; private set; }

    internal bool Overlaps(SpeechSession other) => Date == other.Date && Start < other.End && other.Start < End;
}
