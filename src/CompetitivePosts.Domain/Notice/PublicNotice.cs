namespace CompetitivePosts.Domain.Notice;

/// <summary>One filed appointee as the notice publishes them: copied, so the notice never changes under its readers.</summary>
public sealed record NoticeAppointee(int PostId, int Seat, int CadreId);

public enum ObjectionResult
{
    /// <summary>不属实: the objection does not stand; the appointment goes ahead.</summary>
    Unfounded = 1,

    /// <summary>属实: the objection stands against the named appointee, who is not appointed.</summary>
    Upheld = 2,
}

public class NoticeEntry
{
    private NoticeEntry() { PostName = ""; CadreName = ""; }

    internal NoticeEntry(int postId, string postName, string? department, PostLevel level, int seat, int cadreId, string cadreName, string? currentTitle)
    {
        PostId = postId;
        PostName = postName;
        Department = department;
        Level = level;
        Seat = seat;
        CadreId = cadreId;
        CadreName = cadreName;
        CurrentTitle = currentTitle;
    }

    public int Id { get; private set; }

    public int NoticeId { get; private set; }

    public int PostId { get; private set; }

    public string PostName { get; private set; }

    public string? Department { get; private set; }

    public PostLevel Level { get; private set; }

    public int Seat { get; private set; }

    public int CadreId { get; private set; }

    public string CadreName { get; private set; }

    /// <summary>现任职务 as the roster recorded it when the notice was published.</summary>
    public string? CurrentTitle { get; private set; }
}

/// <summary>An objection (异议) received during the notice, and how it was handled.</summary>
public class Objection
{
    private Objection() { Content = ""; }

    internal Objection(int number, DateOnly receivedOn, string content, int? concernsCadreId, DateTimeOffset at)
    {
        Number = number;
        ReceivedOn = receivedOn;
        Content = content;
        ConcernsCadreId = concernsCadreId;
        RecordedAt = at;
    }

    public int Id { get; private set; }

    public int NoticeId { get; private set; }

    public int Number { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public string Content { get; private set; }

    /// <summary>The appointee the objection is about, if it names one.</summary>
    public int? ConcernsCadreId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>调查核实: what was done about it.</summary>
    public string? Handling { get; private set; }

    public ObjectionResult? Result { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public bool IsHandled => Result is not null;

    internal void Handle(string handling, ObjectionResult result, DateTimeOffset at)
    {
        Handling = handling;
        Result = result;
        HandledAt = at;
    }
}

/// <summary>
/// 任前公示: the filed appointees are published for at least <see cref="MinimumWorkingDays"/> working
/// days; objections are recorded and handled; the notice closes with its conclusion, and only then
/// are the appointments final (<see cref="Competitions.Competition.TakeUpPosts"/>).
/// </summary>
public class PublicNotice
{
    public const int MinimumWorkingDays = 5;

    private readonly List<NoticeEntry> _entries = [];
    private readonly List<Objection> _objections = [];

    private PublicNotice() { Contact = ""; }

    internal PublicNotice(int competitionId, IEnumerable<NoticeEntry> entries, DateOnly startsOn, int workingDays, WorkingDayCalendar calendar,
        string contact, DateTimeOffset at)
    {
        if (workingDays < MinimumWorkingDays)
        {
            throw new DomainException("A notice runs for at least {0} working days.", MinimumWorkingDays);
        }

        if (workingDays > 30)
        {
            throw new DomainException("A notice runs for at most {0} working days.", 30);
        }

        if (startsOn < ChinaDate.Of(at))
        {
            throw new DomainException("A notice cannot start before today ({0}).", ChinaDate.Of(at));
        }

        CompetitionId = competitionId;
        _entries.AddRange(entries);
        StartsOn = startsOn;
        WorkingDays = workingDays;
        EndsOn = calendar.LastDay(startsOn, workingDays);
        Contact = Guard.Required(contact, "Say where objections are received (phone, address).", 200);
        PublishedAt = at;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public int WorkingDays { get; private set; }

    /// <summary>受理电话、地址: where the public sends objections.</summary>
    public string Contact { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>公示结论, written by the organizer when closing.</summary>
    public string? Conclusion { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Counts every change, so that two people changing the notice at once clash instead of overwriting.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<NoticeEntry> Entries => _entries;

    public IReadOnlyList<Objection> Objections => _objections;

    /// <summary>The appointees whom no upheld objection stopped: who takes up a post when the notice closes.</summary>
    public IEnumerable<NoticeEntry> FinalEntries => _entries.Where(e => !IsWithheld(e.CadreId));

    public bool IsWithheld(int cadreId) =>
        _objections.Any(o => o.Result == ObjectionResult.Upheld && o.ConcernsCadreId == cadreId);

    public Objection RecordObjection(DateOnly receivedOn, string content, int? concernsCadreId, DateTimeOffset at)
    {
        EnsureOpen();
        var text = Guard.Required(content, "Write what the objection says.", 2000);
        if (receivedOn < StartsOn)
        {
            throw new DomainException("An objection cannot be received before the notice starts on {0}.", StartsOn);
        }

        if (receivedOn > ChinaDate.Of(at))
        {
            throw new DomainException("An objection cannot be received in the future.");
        }

        if (concernsCadreId is { } id && _entries.All(e => e.CadreId != id))
        {
            throw new DomainException("The objection names someone who is not on the notice.");
        }

        var objection = new Objection(_objections.Count + 1, receivedOn, text, concernsCadreId, at);
        _objections.Add(objection);
        Revision++;
        return objection;
    }

    public void HandleObjection(int number, string handling, ObjectionResult result, DateTimeOffset at)
    {
        EnsureOpen();
        var objection = _objections.FirstOrDefault(o => o.Number == number) ?? throw new DomainException("No such objection.");
        var text = Guard.Required(handling, "Write how the objection was looked into.", 2000);
        if (!Enum.IsDefined(result))
        {
            throw new DomainException("Choose the result of the objection.");
        }

        if (result == ObjectionResult.Upheld && objection.ConcernsCadreId is null)
        {
            throw new DomainException("An upheld objection must name the appointee it concerns.");
        }

        objection.Handle(text, result, at);
        Revision++;
    }

    /// <summary>公示期满: closes the notice with its conclusion once the last working day has ended in China.</summary>
    public void Close(string conclusion, DateTimeOffset at)
    {
        EnsureOpen();
        if (!WorkingDayCalendar.HasEnded(EndsOn, at))
        {
            throw new DomainException("The notice runs until the end of {0} (China time); it cannot close earlier.", EndsOn);
        }

        var open = _objections.Where(o => !o.IsHandled).Select(o => o.Number).ToList();
        if (open.Count > 0)
        {
            throw new DomainException("Handle every objection before closing the notice: {0}.", string.Join("、", open));
        }

        Conclusion = Guard.Required(conclusion, "Write the notice's conclusion.", 1000);
        ClosedAt = at;
        Revision++;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DomainException("The notice is closed and can no longer be changed.");
        }
    }
}
