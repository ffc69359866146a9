using System.Globalization;
using System.Text;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>
/// Terms for BM25 in English and Hindi. Text is NFC-normalised and lower-cased; a term is a run of letters, digits and
/// combining marks, so Devanagari vowel signs and the virama stay inside their word. Stop words go, a light suffix
/// stripper folds plurals and inflections, and a few loan words written in Devanagari (यूपीआई, पिन, ओटीपी) map to their
/// Latin spelling, since speech-to-text writes them either way.
/// </summary>
public static class TextTokenizer
{
    static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "i", "me", "my", "mine", "we", "our", "you", "your",
        "it", "its", "this", "that", "these", "those", "to", "of", "in", "on", "at", "for", "from", "with", "by", "and", "or",
        "do", "does", "did", "how", "what", "when", "where", "which", "who", "why", "can", "could", "should", "would", "will",
        "shall", "may", "might", "please", "tell", "about", "there", "if", "so", "as", "has", "have", "had", "any", "some",
        "get", "got", "i'm", "im", "want", "need", "know", "hello", "hi", "sir", "madam", "there's", "them", "they", "he", "she", "like", "just", "also", "then", "than", "very", "much",
        // Hindi
        "है", "हैं", "था", "थी", "थे", "का", "की", "के", "में", "मे", "से", "को", "और", "या", "क्या", "कैसे", "कब", "कहां", "कहाँ",
        "मैं", "मै", "मेरा", "मेरी", "मेरे", "मुझे", "हम", "आप", "आपका", "आपकी", "आपके", "अपना", "अपनी", "अपने", "यह", "ये", "वह",
        "वो", "तो", "भी", "पर", "कर", "करें", "करना", "करूं", "करूँ", "हो", "होता", "होती", "होते", "गया", "गई", "गए", "ने", "एक",
        "कि", "जो", "तक", "लिए", "जी", "कृपया", "बताइए", "बताएं", "बताओ", "चाहिए", "सकता", "सकती", "सकते", "रहा", "रही", "रहे",
    };

    static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["यूपीआई"] = "upi", ["यूपीआइ"] = "upi", ["पिन"] = "pin", ["ओटीपी"] = "otp", ["क्यूआर"] = "qr", ["आईडी"] = "id",
        ["यूटीआर"] = "utr", ["एटीएम"] = "atm", ["एसएमएस"] = "sms", ["ऐप"] = "app", ["एप"] = "app", ["रिफंड"] = "refund",
        ["लाइट"] = "lite", ["ऑटोपे"] = "autopay", ["मैंडेट"] = "mandate", ["सिम"] = "sim", ["लोकपाल"] = "ombudsman",
        ["ओम्बड्समैन"] = "ombudsman", ["वीपीए"] = "vpa", ["पेंडिंग"] = "pending", ["फेल"] = "fail", ["ट्रांजैक्शन"] = "transaction",
    };

    // A light inflectional stemmer for Hindi after Ramanathan and Rao (2003): the longest listed suffix goes, if a stem of at
    // least two characters is left, so भेजने/भेजते/भेज and पैसा/पैसे meet.
    static readonly string[] HindiSuffixes = new[]
    {
        "ाएंगी", "ाएंगे", "ाऊंगी", "ाऊंगा", "ाइयाँ", "ाइयों", "ाइयां",
        "ाएगी", "ाएगा", "ाओगी", "ाओगे", "एंगी", "ेंगी", "एंगे", "ेंगे", "ूंगी", "ूंगा", "ातीं", "नाओं", "नाएं", "ताओं", "ताएं", "ियाँ", "ियों", "ियां",
        "ाकर", "ाइए", "ाईं", "ाया", "ेगी", "ेगा", "ोगी", "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता", "तीं", "ाओं", "ाएं", "ुओं", "ुएं", "ुआं",
        "कर", "ाओ", "िए", "ाई", "ाए", "ने", "नी", "ना", "ते", "ीं", "ती", "ता", "ाँ", "ां", "ों", "ें",
        "ो", "े", "ू", "ु", "ी", "ि", "ा",
    }.OrderByDescending(s => s.Length).ToArray();

    public static List<string> Tokenize(string text)
    {
        var terms = new List<string>();
        var normalized = text.Normalize(NormalizationForm.FormC);
        var word = new StringBuilder();
        foreach (var c in normalized)
        {
            if (IsWordChar(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                AddTerm(word.ToString(), terms);
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            AddTerm(word.ToString(), terms);
        }

        return terms;
    }

    static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => c == '\'',
    };

    static void AddTerm(string word, List<string> terms)
    {
        word = word.Trim('\'');
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (word.Length == 0 || StopWords.Contains(word))
        {
            return;
        }

        if (Aliases.TryGetValue(word, out var alias))
        {
            terms.Add(alias);
            return;
        }

        terms.Add(Stem(word));
    }

    static string Stem(string word)
    {
        if (word[0] >= '\u0900' && word[0] <= '\u097F')
        {
            foreach (var suffix in HindiSuffixes)
            {
                if (word.Length >= suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return word[..^suffix.Length];
                }
            }

            return word;
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }
}
