using CompetitivePosts.Web.Features.Voting;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The hand-written reader of the ballot form's field names (it replaced a regular expression on the hot path).</summary>
public class BallotFormTests
{
    [Fact]
    public void Parse_MarkFields_KeepsEachLineInIndexOrder()
    {
        var post = BallotForm.Parse([
            new("Marks[1].CandidateId", "8"), new("Marks[1].Choice", "Disagree"),
            new("Marks[0].CandidateId", "7"), new("Marks[0].Choice", "Agree"),
            new("Marks[12].CandidateId", "9"), new("SignedName", "甲"), new("Step", "Submit"),
        ]);

        Assert.Empty(post.Problems);
        Assert.Equal(BallotStep.Submit, post.Step);
        Assert.Equal("甲", post.SignedName);
        Assert.Equal([("7", "Agree"), ("8", "Disagree"), ("9", (string?)null)], post.Marks.Select(m => (m.CandidateId, m.Choice)));
    }

    [Theory]
    [InlineData("Marks[٣].Choice")] // an Arabic-Indic digit: a digit to a regular expression's \d, not to this form
    [InlineData("Marks[].Choice")]
    [InlineData("Marks[12345].Choice")]
    [InlineData("Marks[1].choice")]
    [InlineData("Marks[1].ChoiceX")]
    [InlineData("Marks[1]Choice")]
    [InlineData("Marks[1")]
    [InlineData("marks[1].Choice")]
    public void Parse_FieldNameNotWrittenByThePage_IsMalformedNotAnError(string field)
    {
        var post = BallotForm.Parse([new("Marks[0].CandidateId", "7"), new(field, "Agree")]);

        var problem = Assert.Single(post.Problems);
        Assert.Equal("The ballot form was altered or is incomplete. Please reload the ballot and mark it again.", problem.Key);
    }
}
