using System.Globalization;
using System.Text;

namespace IvrFunctions.Core.Answers;

/// <summary>Folds the ways one question gets transcribed (case, punctuation, spacing, Unicode form) into one cache key text.</summary>
public static class QuestionNormalizer
{
    public static string Normalize(string question)
    {
        var builder = new StringBuilder(question.Length);
        var pendingSpace = false;
        foreach (var c in question.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            var keep = char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!keep)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
