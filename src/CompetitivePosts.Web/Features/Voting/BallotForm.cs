using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using Microsoft.Extensions.Primitives;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>Which step of the ballot the voter pressed: check the marks, go back to change them, or cast the ballot.</summary>
public enum BallotStep
{
    Mark,
    Review,
    Submit,
}

/// <summary>A posted ballot as read from the raw form: the marks as text, the typed name, the drawn signature, and any problem with the form's shape.</summary>
public sealed record BallotPost(BallotStep Step, IReadOnlyList<MarkInput> Marks, string? SignedName, string? SignatureDataUrl,
    IReadOnlyList<DomainMessage> Problems)
{
    public static BallotPost Empty { get; } = new(BallotStep.Mark, [], null, null, []);

    /// <summary>The drawn signature's bytes, or null when the field is empty or is not a PNG data URL.</summary>
    public byte[]? SignaturePng()
    {
        const string prefix = "data:image/png;base64,";
        if (SignatureDataUrl is not { Length: > 0 } url || !url.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var payload = url.AsSpan(prefix.Length);
        var bytes = new byte[payload.Length * 3 / 4 + 3];
        return Convert.TryFromBase64Chars(payload, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>The choice posted for a candidate, to show the voter's marks again.</summary>
    public string? ChoiceFor(int cadreId) =>
        Marks.FirstOrDefault(m => m.CandidateId == cadreId.ToString(CultureInfo.InvariantCulture))?.Choice;
}

/// <summary>
/// Reads the ballot form by hand rather than by model binding, so that nothing a tablet can send
/// turns into a 500 or into a silent abstention: every field must be one the page writes, once;
/// marks are kept as text for <see cref="VotingRound.Read"/> to judge.
/// </summary>
public static class BallotForm
{
    public const int MaxSignatureChars = (SignatureImage.MaxBytes / 3 * 4) + 100;

    // Fields the framework adds to every form.
    private static readonly HashSet<string> FrameworkFields = ["_handler", "__RequestVerificationToken"];

    /// <summary>
    /// Reads <c>Marks[i].CandidateId</c> or <c>Marks[i].Choice</c> (i of one to four ASCII digits) by hand: the form has two
    /// hundred of these fields, and matching each with a regular expression was most of the cost of reading a ballot.
    /// </summary>
    private static bool TryMarkField(string key, out int index, out bool candidate)
    {
        const string prefix = "Marks[";
        index = 0;
        candidate = false;
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var at = prefix.Length;
        while (at < key.Length && at - prefix.Length < 5 && char.IsAsciiDigit(key[at]))
        {
            index = (index * 10) + (key[at] - '0');
            at++;
        }

        var digits = at - prefix.Length;
        if (digits is < 1 or > 4 || !key.AsSpan(at).StartsWith("].", StringComparison.Ordinal))
        {
            return false;
        }

        var field = key.AsSpan(at + 2);
        candidate = field.SequenceEqual("CandidateId");
        return candidate || field.SequenceEqual("Choice");
    }

    public static BallotPost Parse(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var malformed = false;
        var marks = new SortedDictionary<int, (string? Candidate, string? Choice)>();
        string? name = null, signature = null;
        var step = BallotStep.Mark;
        foreach (var (key, values) in form)
        {
            if (FrameworkFields.Contains(key))
            {
                continue;
            }

            // A field sent twice (Choice=Agree&Choice=Disagree) is not a choice of one of them.
            if (values.Count != 1)
            {
                malformed = true;
                continue;
            }

            var value = values.ToString();
            switch (key)
            {
                case "SignedName":
                    name = value;
                    continue;
                case "Signature":
                    signature = value.Length <= MaxSignatureChars ? value : null;
                    malformed |= value.Length > MaxSignatureChars;
                    continue;
                case "Step":
                    malformed |= !Enum.TryParse(value, ignoreCase: false, out step) || !Enum.IsDefined(step) || int.TryParse(value, out _);
                    continue;
            }

            if (!TryMarkField(key, out var index, out var candidate))
            {
                malformed = true;
                continue;
            }

            var mark = marks.GetValueOrDefault(index);
            marks[index] = candidate ? mark with { Candidate = value } : mark with { Choice = value };
        }

        IReadOnlyList<DomainMessage> problems = malformed
            ? [new DomainMessage("The ballot form was altered or is incomplete. Please reload the ballot and mark it again.")]
            : [];
        return new BallotPost(step, [.. marks.Values.Select(m => new MarkInput(m.Candidate, m.Choice))], name, signature, problems);
    }

    /// <summary>The same as <see cref="Parse(IFormCollection)"/>, for tests and tools that hold the fields as pairs.</summary>
    public static BallotPost Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var grouped = fields.GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new StringValues([.. g.Select(f => f.Value)]), StringComparer.Ordinal);
        return Parse(new FormCollection(grouped));
    }
}
