using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Plan;

/// <summary>The plan's category weights (A:B:C, default 4:3:3), editable until the first voting round opens (docs/scoring.md).</summary>
public static class ChangeTallyWeights
{
    public const string FieldA = "Weight of category A";
    public const string FieldB = "Weight of category B";
    public const string FieldC = "Weight of category C";

    public sealed record Command(int CompetitionId, int A, int B, int C);

    /// <summary>Every wrong field at once; the domain checks the same rules again (<see cref="Weights.Create"/>).</summary>
    public static IReadOnlyList<FieldError> Validate(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<FieldError>();
        foreach (var (field, value) in new[] { (FieldA, command.A), (FieldB, command.B), (FieldC, command.C) })
        {
            if (value is < 0 or > Weights.Max)
            {
                errors.Add(new FieldError(field, new("Each category weight must be a whole number from 0 to {0}.", Weights.Max)));
            }
        }

        if (errors.Count == 0 && command.A + command.B + command.C == 0)
        {
            errors.Add(new FieldError(FieldA, new("At least one category weight must be above zero.")));
        }

        return errors;
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory)
    {
        public async Task HandleAsync(Command command, Actor actor, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(actor);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Held before the read: a round that opens meanwhile (it holds the competition too) either waits for these
            // weights or is seen below and refuses them.
            var competition = await db.LoadHeldForChangeAsync(command.CompetitionId, actor, ct);
            // The form is read once access is checked, so that an outsider learns nothing from its errors.
            InvalidInputException.ThrowIfAny(Validate(command));
            var before = competition.TallyWeights;
            competition.ChangeTallyWeights(command.A, command.B, command.C);
            db.Audit(command.CompetitionId, actor.Who, AuditActions.TallyWeightsChange,
                new { from = before.ToString(), to = competition.TallyWeights.ToString() });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }
}
