using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using CompetitivePosts.Web;
using CompetitivePosts.Web.Components;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Features.Notice;
using CompetitivePosts.Web.Features.Outcomes;
using CompetitivePosts.Web.Features.Plan;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Review;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Features.ScaleOut;
using CompetitivePosts.Web.Features.Security;
using CompetitivePosts.Web.Features.Users;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
builder.Services.AddSignalR();
// With Redis configured: live channels and hubs reach every instance (ADR 0018).
builder.Services.AddScaleOut(builder.Configuration);
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddSingleton(TimeProvider.System);
// Chinese text goes out as UTF-8, not as &#x...; entities that triple the size of every page.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var connectionString = builder.Configuration.GetConnectionString("Default")
    is { Length: > 0 } cs ? cs : throw new InvalidOperationException("ConnectionStrings:Default is not set; deploy/run.sh sets it for the private PostgreSQL.");
// The factory is a singleton for handlers and circuits; it also registers a scoped AppDbContext for Identity.
// No retrying execution strategy: a replayed write could double it, and every explicit transaction
// would need wrapping; a broken connection clears its pool instead, and pages say "retry" (ADR 0019).
builder.Services.AddDbContextFactory<AppDbContext>(o => o.UseNpgsql(connectionString).AddInterceptors(ConnectionRecovery.Instance));

builder.Services.AddHttpContextAccessor();
builder.Services.AddAccountSecurity(builder.Configuration);
builder.Services.AddAppAuthorization();
// One key ring in PostgreSQL for every instance: cookies and antiforgery tokens survive restarts and work on any instance.
builder.Services.AddDataProtection().SetApplicationName("CompetitivePosts").PersistKeysToDbContext<AppDbContext>();
builder.Services.AddAppRateLimits(builder.Configuration);
builder.Services.AddRequestLimits(builder.Configuration);

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

builder.Services.AddLiveChannel<TallyNotifier>();
builder.Services.AddLiveChannel<SlipsNotifier>();
builder.Services.AddLiveChannel<ChainNotifier>();
builder.Services.AddHostedService<TallyHubRelay>();
builder.Services.AddSingleton<TallyFeed>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<TallyFeed>());
builder.Services.AddScoped<RecountTally>();
builder.Services.AddScoped<SetTallyProjector>();
builder.Services.AddScoped<TallyProjectorQuery>();
builder.Services.AddScoped<AccountSeeder>();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<CompetitionsHandler>();
builder.Services.AddScoped<RosterHandler>();
builder.Services.AddScoped<RegistrationHandler>();
builder.Services.AddScoped<TallyQuery>();
builder.Services.AddScoped<DecisionsHandler>();
builder.Services.AddScoped<FilingsHandler>();
builder.Services.AddScoped<RecordMeeting.Handler>();
builder.Services.AddScoped<ChooseDecidingRound.Handler>();
builder.Services.AddScoped<ReviewFiling.Handler>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddSpeechDay();
builder.Services.AddVoting();
builder.Services.AddBallotGate(builder.Configuration);
builder.Services.AddLiveChannel<RegistrationNotifier>();
builder.Services.AddScoped<DeleteCompetition>();
builder.Services.AddScoped<EditRoster>();
builder.Services.AddScoped<ImportRoster.Handler>();
builder.Services.AddScoped<PlanHandler>();
builder.Services.AddScoped<ChangeTallyWeights.Handler>();
builder.Services.AddScoped<Register>();
builder.Services.AddScoped<RegistrationLinks>();
builder.Services.AddScoped<SelfRegistration>();
builder.Services.AddScoped<ReviewHandler>();
builder.Services.AddScoped<AccountChanges>();
builder.Services.AddScoped<UserQueries>();
builder.Services.AddScoped<CreateUser.Handler>();
builder.Services.AddScoped<UpdateUser.Handler>();
builder.Services.AddScoped<ResetPassword.Handler>();
builder.Services.AddScoped<SetUserDisabled.Handler>();
builder.Services.AddScoped<UnlockUser.Handler>();
builder.Services.AddScoped<ChangeOwnPassword.Handler>();
builder.Services.AddScoped<NoticeQuery>();
builder.Services.AddScoped<PublishNotice.Handler>();
builder.Services.AddScoped<RecordObjection.Handler>();
builder.Services.AddScoped<HandleObjection.Handler>();
builder.Services.AddScoped<CloseNotice.Handler>();
builder.Services.AddScoped<EditCalendar.Handler>();
builder.Services.AddScoped<OutcomeQuery>();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseSecurityHeaders();
app.UseInstanceHeader();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// zh-CN is the default; a cookie set by /culture switches a browser to en-US.
string[] cultures = ["zh-CN", "en-US"];
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("zh-CN"),
    SupportedCultures = [.. cultures.Select(c => new CultureInfo(c))],
    SupportedUICultures = [.. cultures.Select(c => new CultureInfo(c))],
    RequestCultureProviders = [new CookieRequestCultureProvider()],
});

app.UseRequestLimits();
app.UseRateLimiter();
app.UseBallotGate();
app.UseAuthentication();
app.UseAuthorization();
app.UseMustChangePassword();
app.UseAntiforgery();
app.UseAntiforgeryGate();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health", new() { ResponseWriter = DatabaseHealthCheck.WriteAsync }).AllowAnonymous();
// A connection outlives no cookie: it closes when the sign-in it was opened with expires.
app.MapHub<TallyHub>(TallyHub.Path, o => o.CloseOnAuthenticationExpiration = true);
app.MapSpeechDay();
app.MapVoting();
app.MapAccountEndpoints();
app.MapRosterFiles();
app.MapTallyFiles();
app.MapOutcomeExports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowBlazorInfrastructure();

await app.RunAsync();

/// <summary>Exposed so WebApplicationFactory can boot the app in tests.</summary>
public partial class Program;
