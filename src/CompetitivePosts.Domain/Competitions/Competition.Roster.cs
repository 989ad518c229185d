namespace CompetitivePosts.Domain.Competitions;

/// <summary>Roster and posts (stage 1), and the reset to zero.</summary>
public partial class Competition
{
    public Cadre AddCadre(string name, VoterCategory category)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var cadre = new Cadre(name, category);
        if (_cadres.Any(c => c.Name == cadre.Name))
        {
            throw new DomainException("There is already a cadre named {0} on the roster.", cadre.Name);
        }

        _cadres.Add(cadre);
        return cadre;
    }

    public Post AddPost(string name, PostLevel level, string? exclusionReason, int? holderId)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var holder = holderId is null ? null : FindCadre(holderId.Value);
        if (holder is not null && _posts.Any(p => p.HolderId == holder.Id))
        {
            throw new DomainException("{0} already holds another post.", holder.Name);
        }

        var post = new Post(name, level, exclusionReason, holder);
        if (_posts.Any(p => p.Name == post.Name))
        {
            throw new DomainException("There is already a post named {0}.", post.Name);
        }

        _posts.Add(post);
        return post;
    }

    /// <summary>职务归零: records who held what, then vacates every post that is competed.</summary>
    public void ResetToZero(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Draft);
        if (!_posts.Any(p => !p.IsExcluded))
        {
            throw new DomainException("Add at least one post that is open to competition before the reset.");
        }

        foreach (var post in _posts.Where(p => p.HolderId is not null))
        {
            _priorHoldings.Add(new PriorHolding(post, FindCadre(post.HolderId!.Value)));
            if (!post.IsExcluded)
            {
                post.Vacate();
            }
        }

        ResetAt = at;
        Status = CompetitionStatus.Registration;
    }
}
