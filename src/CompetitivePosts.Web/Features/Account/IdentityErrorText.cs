using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Identity;

namespace CompetitivePosts.Web.Features.Account;

/// <summary>Identity's error codes as this app's message keys, so they show in the user's language.</summary>
internal static class IdentityErrorText
{
    public const string UserNameField = "User name";
    public const string PasswordField = "Password";

    public static FieldError ToFieldError(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "PasswordTooShort" => new(PasswordField, new DomainException("The password must have at least {0} characters.", AccountSecurity.MinPasswordLength)),
            "PasswordRequiresDigit" => new(PasswordField, new DomainException("The password must contain a digit.")),
            "PasswordRequiresLower" => new(PasswordField, new DomainException("The password must contain a lower-case letter.")),
            "PasswordRequiresUpper" => new(PasswordField, new DomainException("The password must contain an upper-case letter.")),
            "PasswordRequiresUniqueChars" => new(PasswordField, new DomainException("The password must use at least {0} different characters.", AccountSecurity.MinUniqueChars)),
            AppPasswordValidator.ContainsUserNameCode => new(PasswordField, new DomainException("The password must not contain the user name.")),
            AppPasswordValidator.CommonCode => new(PasswordField, new DomainException("This password is too common.")),
            "PasswordMismatch" => new(PasswordField, new DomainException("The current password is wrong.")),
            "DuplicateUserName" => new(UserNameField, new DomainException("This user name is already taken.")),
            "InvalidUserName" => new(UserNameField, new DomainException("A user name may contain only letters, digits and . _ - @ +")),
            "ConcurrencyFailure" => new("Account", new DomainException("Someone else changed this account. Reload the page and try again.")),
            _ => new("Account", new DomainException("The account could not be saved: {0}", error.Description)),
        };
    }

    /// <summary>Refuses with every error Identity reported.</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new InvalidInputException([.. result.Errors.Select(ToFieldError)]);
        }
    }
}
