namespace CompetitivePosts.Domain.Competitions;

/// <summary>A person on the competition's roster: a possible candidate and a voter.</summary>
public class Cadre
{
    private Cadre() { Name = ""; }

    internal Cadre(string name, VoterCategory category)
    {
        Name = Guard.Required(name, "Cadre name is required.", 50);
        Category = category;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The ballot kind this cadre votes with: unit leaders A, middle-level principals B, others C.</summary>
    public VoterCategory Category { get; private set; }
}
