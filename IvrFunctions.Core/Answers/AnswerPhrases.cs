namespace IvrFunctions.Core.Answers;

/// <summary>Fixed things the helpline says, in the caller's language.</summary>
public static class AnswerPhrases
{
    public static string DontKnow(string language) => IsHindi(language)
        ? "माफ़ कीजिए, मुझे इस सवाल का जवाब नहीं पता।"
        : "Sorry, I don't know the answer to that question.";

    public static string LanguageName(string language) => IsHindi(language) ? "Hindi" : "English";

    public static bool IsHindi(string language) => language.StartsWith("hi", StringComparison.OrdinalIgnoreCase);
}
