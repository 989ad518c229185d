using System.Security.Claims;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Features.Account;

/// <summary>Settings under "Security" (docs/security.md lists them and their defaults).</summary>
public sealed class AccountSecurityOptions
{
    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How often a signed-in session (cookie or Blazor circuit) is checked against the account: disabled, roles or units changed.</summary>
    public int RevalidateSeconds { get; set; } = 60;

    /// <summary>A sign-in lasts this long without activity.</summary>
    public int SessionHours { get; set; } = 8;
}

/// <summary>Identity, sign-in cookies and session revalidation, configured in one place.</summary>
internal static class AccountSecurity
{
    public const int MinPasswordLength = 8;
    public const int MinUniqueChars = 4;

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = services.AddSettings<AccountSecurityOptions>(configuration, "Security");

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAccountStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(settings.SessionHours);
            o.SlidingExpiration = true;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(settings.RevalidateSeconds);
            // Revalidation rebuilds the principal; the sign-in's session id stays what it was.
            o.OnRefreshingPrincipal = context =>
            {
                var session = context.CurrentPrincipal?.FindFirst(AppClaims.Session);
                if (session is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    foreach (var fresh in identity.FindAll(AppClaims.Session).ToList())
                    {
                        identity.RemoveClaim(fresh);
                    }

                    identity.AddClaim(new Claim(AppClaims.Session, session.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = MinUniqueChars;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.LockoutMinutes);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddPasswordValidator<AppPasswordValidator>()
            .AddDefaultTokenProviders();
        return services;
    }

    /// <summary>
    /// A user whose password an administrator chose is sent to change it before any other page.
    /// Pages are the only way in: a Blazor circuit starts from a page request, which this redirects.
    /// </summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword)
                && HttpMethods.IsGet(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page
                && page.Type != typeof(ChangePassword) && page.Type != typeof(Login))
            {
                context.Response.Redirect("/account/password?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }

            await next();
        });
}

/// <summary>Disabled accounts cannot sign in, and their existing sessions fail revalidation.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

/// <summary>Beyond Identity's length and character rules: not the user name, not a well-known password.</summary>
public sealed class AppPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ContainsUserNameCode = "PasswordContainsUserName";
    public const string CommonCode = "PasswordTooCommon";

    // The passwords that lists of leaked passwords put first and that pass the character rules.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password1", "Password123", "Passw0rd", "P4ssw0rd", "Qwerty123", "Qwerty12", "Abc12345", "Abcd1234", "Aa123456",
        "Aa12345678", "Admin123", "Admin1234", "Admin12345", "Welcome1", "Welcome123", "Test1234", "1qaz2WSX", "Zxcvbnm1",
        "Asdf1234", "Iloveyou1", "Changeme1", "Letmein1", "Woaini520", "Woaini1314", "Abc123456", "Qq123456", "Demo1234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<IdentityError>();
        if (!string.IsNullOrEmpty(password))
        {
            if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new IdentityError { Code = ContainsUserNameCode, Description = "The password must not contain the user name." });
            }

            if (Common.Contains(password))
            {
                errors.Add(new IdentityError { Code = CommonCode, Description = "This password is too common." });
            }
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// A Blazor circuit keeps the principal it started with; this checks it against the account every
/// <see cref="AccountSecurityOptions.RevalidateSeconds"/>, so a disabled account or changed roles end the circuit's access too.
/// </summary>
internal sealed class RevalidatingAccountStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity, IOptions<AccountSecurityOptions> settings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(settings.Value.RevalidateSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await ValidateAsync(authenticationState);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            // The base class signs a circuit out when a check throws: a database restart would sign
            // out every open screen. Nothing can be changed while the database is away; check again next round.
            return true;
        }
    }

    private async Task<bool> ValidateAsync(AuthenticationState authenticationState)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
