namespace CompetitivePosts.Web.Features.Common;

/// <summary>One entry of a type-to-search picker (MudAutocomplete): a cadre or a post, with a hint such as the department.</summary>
public sealed record PickOption(int Id, string Name, string? Detail = null)
{
    /// <summary>Matches the name or the hint anywhere; an empty search lists the first entries.</summary>
    public static IEnumerable<PickOption> Search(IEnumerable<PickOption> options, string? text, int take = 50)
    {
        ArgumentNullException.ThrowIfNull(options);
        var q = text?.Trim();
        return string.IsNullOrEmpty(q)
            ? options.Take(take)
            : options.Where(o => o.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || (o.Detail?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)).Take(take);
    }

    public override string ToString() => Detail is null ? Name : $"{Name}（{Detail}）";
}
