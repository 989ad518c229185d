namespace CompetitivePosts.Domain;

internal static class Guard
{
    public static string Required(string? value, string messageKey, int maxLength = 100)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(messageKey);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException("Text is longer than {0} characters.", maxLength);
        }

        return trimmed;
    }
}
