namespace CompetitivePosts.Domain.Competitions;

/// <summary>A city unit (单位) that runs its own competition.</summary>
public class Unit
{
    private Unit() { Name = ""; }

    public Unit(string name)
    {
        Name = Guard.Required(name, "Unit name is required.");
    }

    public int Id { get; private set; }

    public string Name { get; private set; }
}
