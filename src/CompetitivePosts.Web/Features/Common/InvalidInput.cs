using CompetitivePosts.Domain;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>One refused field of a form: the field's label (a localisation key) and why.</summary>
public sealed record FieldError(string Field, DomainException Error);

/// <summary>
/// A form with several wrong fields: every failure is collected before refusing, so the user fixes
/// them in one go (FeaturePage shows each one beside its field and in the snackbar).
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", (errors ?? []).Select(e => e.Field + ": " + e.Error.Message)))
    {
        Errors = errors ?? [];
    }

    public InvalidInputException() : this([]) { }

    public InvalidInputException(string message) : base(message) => Errors = [];

    public InvalidInputException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> holds anything.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }
}
