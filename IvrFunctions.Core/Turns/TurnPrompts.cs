using IvrFunctions.Core.Exotel;

namespace IvrFunctions.Core.Turns;

/// <summary>What the caller hears when there is no answer to play, in English and Hindi.</summary>
public static class TurnPrompts
{
    public static string CouldNotHear(string language) => IsHindi(language)
        ? "माफ़ कीजिए, मैं आपकी बात सुन नहीं पाया। कृपया फिर से पूछिए।"
        : "Sorry, I could not hear that, please ask again.";

    public static string Apology(string language) => IsHindi(language)
        ? "माफ़ कीजिए, मैं अभी इसका उत्तर नहीं दे पा रहा हूँ। कृपया थोड़ी देर बाद फिर से पूछिए।"
        : "Sorry, I cannot answer that right now. Please ask again in a little while.";

    public static string Hold(string language) => IsHindi(language)
        ? "कृपया रुकिए, मैं आपका उत्तर ढूँढ रहा हूँ।"
        : "Please hold on, I am still finding your answer.";

    static bool IsHindi(string? language) => string.Equals(language, CallLanguages.Hindi, StringComparison.OrdinalIgnoreCase);
}
