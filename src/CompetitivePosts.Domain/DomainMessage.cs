namespace CompetitivePosts.Domain;

/// <summary>
/// A message the UI shows in the user's language: <see cref="Key"/> is the English sentence that is
/// also the localisation key, <see cref="Args"/> fill its placeholders (enums are translated too).
/// </summary>
public sealed class DomainMessage(string key, params object[] args)
{
    public string Key { get; } = key;

    public IReadOnlyList<object> Args { get; } = args;

    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture, Key, [.. Args]);

    public DomainException ToException() => new(Key, [.. Args]);
}
