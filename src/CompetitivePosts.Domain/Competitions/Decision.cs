using System.Text.Json;
using CompetitivePosts.Domain.Decisions;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The party committee's choice for one seat of a post: an appointee, or 空缺 with a reason.</summary>
public class Decision
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Decision() { RecusedIds = []; }

    internal Decision(Post post, int seat)
    {
        Post = post;
        PostId = post.Id;
        Seat = seat;
        RecusedIds = [];
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int PostId { get; private set; }

    public Post? Post { get; private set; }

    /// <summary>1 … the post's headcount (职数).</summary>
    public int Seat { get; private set; }

    /// <summary>Null when the seat is left vacant (空缺).</summary>
    public int? AppointeeId { get; private set; }

    public Cadre? Appointee { get; private set; }

    public string? VacancyReason { get; private set; }

    public JustificationCategory? Category { get; private set; }

    /// <summary>说明理由 written by the unit when it passes over a higher scorer.</summary>
    public string? Justification { get; private set; }

    /// <summary>The system's own reason as JSON (<see cref="Placements"/>): who was passed over and where they went.</summary>
    public string? SystemReason { get; private set; }

    /// <summary>Committee members recorded as recused (回避) for this decision.</summary>
    public int[] RecusedIds { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    public bool IsVacant => AppointeeId is null;

    public IReadOnlyList<Placement> Placements =>
        SystemReason is null ? [] : JsonSerializer.Deserialize<List<Placement>>(SystemReason, Json) ?? [];

    internal void Appoint(Cadre appointee, JustificationCategory? category, string? justification, IReadOnlyList<Placement> placements,
        int[] recused, DateTimeOffset at)
    {
        Appointee = appointee;
        AppointeeId = appointee.Id;
        VacancyReason = null;
        Category = category;
        Justification = justification;
        SystemReason = placements.Count == 0 ? null : JsonSerializer.Serialize(placements, Json);
        RecusedIds = recused;
        DecidedAt = at;
    }

    internal void LeaveVacant(string reason, int[] recused, DateTimeOffset at)
    {
        Appointee = null;
        AppointeeId = null;
        VacancyReason = reason;
        Category = null;
        Justification = null;
        SystemReason = null;
        RecusedIds = recused;
        DecidedAt = at;
    }
}
