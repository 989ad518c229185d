namespace CompetitivePosts.Domain;

/// <summary>
/// A rule of the competition was broken. <see cref="MessageKey"/> is an English sentence that doubles
/// as the localisation key, so the UI can show it in the user's language with <see cref="Args"/>.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string messageKey, params object[] args)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, messageKey, args))
    {
        MessageKey = messageKey;
        Args = args;
    }

    public DomainException() : this("A rule of the competition was broken.") { }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
        MessageKey = message;
        Args = [];
    }

    public string MessageKey { get; }

    public IReadOnlyList<object> Args { get; }
}
