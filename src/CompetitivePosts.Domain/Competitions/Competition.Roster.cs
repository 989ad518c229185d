namespace CompetitivePosts.Domain.Competitions;

/// <summary>Roster and posts (stage 1), corrections after the reset, and the reset to zero and its undo.</summary>
public partial class Competition
{
    /// <summary>A cadre known by name and category only (quick entry and tests).</summary>
    public Cadre AddCadre(string name, VoterCategory category) => AddCadre(CadreDetails.Of(name, category), CreatedAt);

    /// <summary>
    /// Adds a cadre. At the first stage freely; after the reset, until voting opens, as a correction
    /// with a reason (a cadre forgotten before the reset), which appends a snapshot row of its own.
    /// </summary>
    public Cadre AddCadre(CadreDetails details, DateTimeOffset at, string? correctionReason = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var correction = EnsureRosterChange(correctionReason);
        Validate(details, at, null);
        var cadre = new Cadre(details);
        _cadres.Add(cadre);
        if (correction)
        {
            _snapshot.Add(new SnapshotEntry(cadre, null, addedAfterReset: true));
        }

        return cadre;
    }

    /// <summary>Changes a cadre's details; after the reset only as a correction with a reason. The snapshot is not rewritten.</summary>
    public Cadre UpdateCadre(int cadreId, CadreDetails details, DateTimeOffset at, string? correctionReason = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var correction = EnsureRosterChange(correctionReason);
        var cadre = FindCadre(cadreId);
        Validate(details, at, cadre);
        if (correction && details.IsCountyLeader && _applications.Any(a => a.CadreId == cadreId))
        {
            throw new DomainException("{0} has registered; a unit leader cannot be a candidate.", cadre.Name);
        }

        cadre.Apply(details);
        return cadre;
    }

    public void DeleteCadre(int cadreId)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var cadre = FindCadre(cadreId);
        foreach (var post in _posts.Where(p => p.HolderId == cadreId))
        {
            post.Vacate();
        }

        _overrides.RemoveAll(o => o.CadreId == cadreId);
        _cadres.Remove(cadre);
    }

    public Post AddPost(string name, PostLevel level, PostExclusion? exclusion, int? holderId) =>
        AddPost(new PostDetails { Name = name, Level = level, Exclusion = exclusion }, holderId);

    public Post AddPost(PostDetails details, int? holderId)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureStatus(CompetitionStatus.Draft);
        ValidatePost(details, null, holderId);
        var post = new Post(details, holderId is null ? null : FindCadre(holderId.Value));
        _posts.Add(post);
        return post;
    }

    public Post UpdatePost(int postId, PostDetails details, int? holderId)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureStatus(CompetitionStatus.Draft);
        var post = FindPost(postId);
        ValidatePost(details, post, holderId);
        post.Apply(details);
        post.SetHolder(holderId is null ? null : FindCadre(holderId.Value));
        return post;
    }

    public void DeletePost(int postId)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var post = FindPost(postId);
        _overrides.RemoveAll(o => o.PostId == postId);
        _posts.Remove(post);
    }

    /// <summary>
    /// Adds and updates cadres from an import in one go, matched by name and birth date so that a
    /// re-import never duplicates anyone. All rows are checked before any is applied.
    /// </summary>
    public ImportCounts ImportCadres(IReadOnlyList<CadreDetails> rows, DateTimeOffset at, IReadOnlyList<int>? rowNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        EnsureStatus(CompetitionStatus.Draft);
        var plan = PlanCadreImport(rows, at, rowNumbers);
        if (plan.Problems.Count > 0)
        {
            throw plan.Problems[0].Problem.ToException();
        }

        foreach (var (details, existing) in plan.Matches)
        {
            if (existing is null)
            {
                _cadres.Add(new Cadre(details));
            }
            else if (existing.Details != details.Normalised())
            {
                existing.Apply(details);
            }
        }

        return plan.Counts;
    }

    /// <summary>What an import of these rows would do, and every problem by row number (<paramref name="rowNumbers"/>, or 1, 2, 3 …).</summary>
    public CadreImportPlan PlanCadreImport(IReadOnlyList<CadreDetails> rows, DateTimeOffset at, IReadOnlyList<int>? rowNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var today = ChinaDate.Of(at);
        var problems = new List<(int Row, string Field, DomainMessage Problem)>();
        var matches = new List<(CadreDetails, Cadre?)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i].Normalised();
            var n = rowNumbers?[i] ?? i + 1;
            problems.AddRange(row.Problems(today).Select(p => (n, p.Field, p.Problem)));
            if (seen.TryGetValue(row.Name, out var first))
            {
                problems.Add((n, nameof(CadreDetails.Name), new DomainMessage("{0} is already in row {1} of this file.", row.Name, first)));
                continue;
            }

            seen[row.Name] = n;
            var existing = _cadres.FirstOrDefault(c => c.Name == row.Name);
            if (existing is not null && existing.BirthDate != row.BirthDate)
            {
                problems.Add((n, nameof(CadreDetails.BirthDate), new DomainMessage(
                    "The roster already has a cadre named {0} with another birth date; correct that cadre on the roster page, or tell two people of one name apart in the name.",
                    row.Name)));
                continue;
            }

            matches.Add((row, existing));
            if (existing is null)
            {
                added++;
            }
            else if (existing.Details != row)
            {
                changed++;
            }
            else
            {
                unchanged++;
            }
        }

        return new CadreImportPlan(new ImportCounts(added, changed, unchanged), problems, matches);
    }

    /// <summary>Adds and updates posts from an import, matched by name; holders are named cadres on the roster.</summary>
    public ImportCounts ImportPosts(IReadOnlyList<(PostDetails Post, string? HolderName)> rows, IReadOnlyList<int>? rowNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        EnsureStatus(CompetitionStatus.Draft);
        var plan = PlanPostImport(rows, rowNumbers);
        if (plan.Problems.Count > 0)
        {
            throw plan.Problems[0].Problem.ToException();
        }

        // Holders first come off the posts they leave, so that two posts may swap holders in one file.
        var targets = plan.Matches.Select(m => (m.Post, m.Existing, Holder: m.HolderName is null ? null : _cadres.First(c => c.Name == m.HolderName))).ToList();
        foreach (var (_, existing, holder) in targets)
        {
            if (existing is not null && existing.HolderId != holder?.Id)
            {
                existing.Vacate();
            }
        }

        foreach (var (details, existing, holder) in targets)
        {
            if (existing is null)
            {
                _posts.Add(new Post(details, holder));
            }
            else
            {
                existing.Apply(details);
                existing.SetHolder(holder);
            }
        }

        return plan.Counts;
    }

    public PostImportPlan PlanPostImport(IReadOnlyList<(PostDetails Post, string? HolderName)> rows, IReadOnlyList<int>? rowNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<(int Row, string Field, DomainMessage Problem)>();
        var matches = new List<(PostDetails, Post?, string?)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i].Post.Normalised();
            var holder = string.IsNullOrWhiteSpace(rows[i].HolderName) ? null : rows[i].HolderName!.Trim();
            var n = rowNumbers?[i] ?? i + 1;
            problems.AddRange(row.Problems().Select(p => (n, p.Field, p.Problem)));
            if (seen.TryGetValue(row.Name, out var first))
            {
                problems.Add((n, nameof(PostDetails.Name), new DomainMessage("{0} is already in row {1} of this file.", row.Name, first)));
                continue;
            }

            seen[row.Name] = n;
            if (holder is not null)
            {
                if (_cadres.All(c => c.Name != holder))
                {
                    problems.Add((n, HolderField, new DomainMessage("There is no cadre named {0} on the roster.", holder)));
                }
                else if (holders.TryGetValue(holder, out var other))
                {
                    problems.Add((n, HolderField, new DomainMessage("{0} already holds the post in row {1} of this file.", holder, other)));
                }
                else
                {
                    holders[holder] = n;
                }
            }

            var existing = _posts.FirstOrDefault(p => p.Name == row.Name);
            matches.Add((row, existing, holder));
            var holderNow = existing?.HolderId is { } h ? _cadres.FirstOrDefault(c => c.Id == h)?.Name : null;
            if (existing is null)
            {
                added++;
            }
            else if (existing.Details != row || holderNow != holder)
            {
                changed++;
            }
            else
            {
                unchanged++;
            }
        }

        // A holder of a post that the file leaves untouched may not be named on another one.
        var named = seen.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (holder, row) in holders)
        {
            var keeps = _posts.Any(p => !named.Contains(p.Name) && p.HolderId is { } id && _cadres.Any(c => c.Id == id && c.Name == holder));
            if (keeps)
            {
                problems.Add((row, HolderField, new DomainMessage("{0} already holds another post.", holder)));
            }
        }

        return new PostImportPlan(new ImportCounts(added, changed, unchanged), problems, matches);
    }

    /// <summary>The holder column of the posts import, which is not a property of <see cref="PostDetails"/>.</summary>
    public const string HolderField = "Holder";

    /// <summary>职务归零: records every cadre as they stand, then vacates every post that is competed.</summary>
    public void ResetToZero(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Draft);
        if (!_posts.Any(p => !p.IsExcluded))
        {
            throw new DomainException("Add at least one post that is open to competition before the reset.");
        }

        foreach (var cadre in _cadres)
        {
            _snapshot.Add(new SnapshotEntry(cadre, _posts.FirstOrDefault(p => p.HolderId == cadre.Id), addedAfterReset: false));
        }

        foreach (var post in _posts.Where(p => !p.IsExcluded))
        {
            post.Vacate();
        }

        ResetAt = at;
        Status = CompetitionStatus.Reset;
    }

    /// <summary>Puts every holder back from the snapshot, until registration opens.</summary>
    public void UndoReset()
    {
        EnsureStatus(CompetitionStatus.Reset);
        foreach (var entry in _snapshot.Where(e => e.PostId is not null))
        {
            var post = _posts.FirstOrDefault(p => p.Id == entry.PostId);
            post?.SetHolder(_cadres.FirstOrDefault(c => c.Id == entry.CadreId));
        }

        _snapshot.Clear();
        ResetAt = null;
        Status = CompetitionStatus.Draft;
    }

    private bool EnsureRosterChange(string? correctionReason)
    {
        EnsureBeforeVoting();
        if (Status == CompetitionStatus.Draft)
        {
            return false;
        }

        Guard.Required(correctionReason, "A correction after the reset needs a reason.", 500);
        return true;
    }

    private void Validate(CadreDetails details, DateTimeOffset at, Cadre? self)
    {
        var problems = details.Problems(ChinaDate.Of(at));
        if (problems.Count > 0)
        {
            throw problems[0].Problem.ToException();
        }

        var name = details.Name.Trim();
        if (_cadres.Any(c => c != self && c.Name == name))
        {
            throw new DomainException("There is already a cadre named {0} on the roster.", name);
        }
    }

    private void ValidatePost(PostDetails details, Post? self, int? holderId)
    {
        if (details.Problems() is { Count: > 0 } problems)
        {
            throw problems[0].Problem.ToException();
        }

        var name = details.Name.Trim();
        if (_posts.Any(p => p != self && p.Name == name))
        {
            throw new DomainException("There is already a post named {0}.", name);
        }

        if (holderId is { } h)
        {
            var holder = FindCadre(h);
            if (_posts.Any(p => p != self && p.HolderId == h))
            {
                throw new DomainException("{0} already holds another post.", holder.Name);
            }
        }
    }
}

public sealed record ImportCounts(int Added, int Changed, int Unchanged);

public sealed record CadreImportPlan(ImportCounts Counts, IReadOnlyList<(int Row, string Field, DomainMessage Problem)> Problems,
    IReadOnlyList<(CadreDetails Details, Cadre? Existing)> Matches);

public sealed record PostImportPlan(ImportCounts Counts, IReadOnlyList<(int Row, string Field, DomainMessage Problem)> Problems,
    IReadOnlyList<(PostDetails Post, Post? Existing, string? HolderName)> Matches);
