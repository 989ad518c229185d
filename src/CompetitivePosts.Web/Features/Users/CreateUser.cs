using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>An administrator creates an account with its roles, units and a first password the user must change.</summary>
public static partial class CreateUser
{
    public sealed record Command(string? UserName, string? DisplayName, ActorRoles Roles, IReadOnlyList<int> UnitIds, string? Password);

    [GeneratedRegex("^[A-Za-z0-9._@+-]{3,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    public sealed class Handler(AccountChanges accounts)
    {
        public Task<string> HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return accounts.RunAsync(actor, AuditActions.AccountCreate, async s =>
            {
                var userName = command.UserName?.Trim() ?? "";
                var errors = await UserRules.CheckProfileAsync(s.Db, command.DisplayName, command.Roles, command.UnitIds ?? [], ct);
                if (!UserNamePattern().IsMatch(userName))
                {
                    errors.Insert(0, new(IdentityErrorText.UserNameField,
                        new DomainException("A user name has 3 to 50 letters, digits or . _ - @ +")));
                }
                else if (await s.Users.FindByNameAsync(userName) is not null)
                {
                    errors.Insert(0, new(IdentityErrorText.UserNameField, new DomainException("This user name is already taken.")));
                }

                var user = new AppUser { UserName = userName, DisplayName = command.DisplayName?.Trim() ?? "", EmailConfirmed = true, MustChangePassword = true };
                if (string.IsNullOrEmpty(command.Password))
                {
                    errors.Add(new(IdentityErrorText.PasswordField, new DomainException("Enter a first password.")));
                }
                else
                {
                    foreach (var validator in s.Users.PasswordValidators)
                    {
                        var result = await validator.ValidateAsync(s.Users, user, command.Password);
                        errors.AddRange(result.Errors.Select(IdentityErrorText.ToFieldError));
                    }
                }

                InvalidInputException.ThrowIfAny(errors);
                IdentityErrorText.ThrowIfFailed(await s.Users.CreateAsync(user, command.Password!));
                await s.AssignAsync(user, command.Roles, command.UnitIds ?? [], ct);
                return (user.Id, await s.StateAsync(user, ct));
            }, ct);
        }
    }
}
