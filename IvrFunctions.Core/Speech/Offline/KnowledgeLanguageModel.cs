using System.Globalization;
using System.Text;

namespace IvrFunctions.Core.Speech.Offline;

/// <summary>
/// Builds a small ARPA bigram language model and matching pronunciation dictionary for pocketsphinx from the knowledge
/// base's English text plus common question frames. Recognising against the helpline's own vocabulary is far more accurate
/// than the general model. Bigrams use absolute discounting (D = 0.5) with Katz back-off weights to add-one unigrams.
/// </summary>
public static class KnowledgeLanguageModel
{
    const double Discount = 0.5;

    /// <summary>Question frames callers use that articles do not contain.</summary>
    static readonly string[] QuestionFrames =
    [
        "how do i", "how can i", "what is", "what is the", "what should i do", "what do i do if", "i want to", "can i",
        "my money was", "i have a question about", "please tell me", "where can i", "how long does it take", "is there a",
        "why did my", "who do i call", "i lost my", "someone asked for my", "how do i reset my upi pin", "how to report a fraud",
        "what is the daily upi limit", "money debited but payment failed", "i sent money to the wrong account",
    ];

    /// <summary>Words of the sample knowledge base that the CMU dictionary lacks, spelt out the way callers say them.</summary>
    static readonly Dictionary<string, string> ExtraPronunciations = new(StringComparer.Ordinal)
    {
        ["upi"] = "Y UW P IY AY",
        ["otp"] = "OW T IY P IY",
        ["utr"] = "Y UW T IY AA R",
        ["vpa"] = "V IY P IY EY",
        ["qr"] = "K Y UW AA R",
        ["rbi"] = "AA R B IY AY",
        ["cvv"] = "S IY V IY V IY",
        ["lakh"] = "L AA K",
        ["autopay"] = "AO T OW P EY",
        ["cashback"] = "K AE SH B AE K",
        ["helpline"] = "HH EH L P L AY N",
        ["aadhaar"] = "AA D HH AA R",
        ["cybercrime"] = "S AY B ER K R AY M",
    };

    public sealed record Files(string LanguageModel, string Dictionary, int Words);

    /// <summary>Writes <c>kb.lm</c> and <c>kb.dict</c> into <paramref name="folder"/> from <paramref name="texts"/>.</summary>
    public static Files Build(IEnumerable<string> texts, string cmuDictionaryPath, string folder)
    {
        var pronunciations = ReadDictionary(cmuDictionaryPath);
        foreach (var (word, phones) in ExtraPronunciations)
        {
            if (!pronunciations.ContainsKey(word))
            {
                pronunciations[word] = [phones];
            }
        }

        var unigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigrams = new Dictionary<(string, string), int>();
        foreach (var sentence in texts.Concat(QuestionFrames).SelectMany(Sentences))
        {
            var words = new List<string> { "<s>" };
            words.AddRange(Words(sentence).Where(pronunciations.ContainsKey));
            words.Add("</s>");
            if (words.Count < 3)
            {
                continue;
            }

            for (var i = 0; i < words.Count; i++)
            {
                unigrams[words[i]] = unigrams.GetValueOrDefault(words[i]) + 1;
                if (i > 0)
                {
                    bigrams[(words[i - 1], words[i])] = bigrams.GetValueOrDefault((words[i - 1], words[i])) + 1;
                }
            }
        }

        var total = unigrams.Where(u => u.Key != "<s>").Sum(u => u.Value);
        var vocabulary = unigrams.Count;
        double Unigram(string w) => (unigrams[w] + 1.0) / (total + vocabulary);

        var byHistory = bigrams.GroupBy(b => b.Key.Item1).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lm = new StringBuilder();
        lm.Append("\\data\\\n").Append(Invariant($"ngram 1={vocabulary}\n")).Append(Invariant($"ngram 2={bigrams.Count}\n\n\\1-grams:\n"));
        foreach (var word in unigrams.Keys.Order(StringComparer.Ordinal))
        {
            var probability = word == "<s>" ? -99.0 : Math.Log10(Unigram(word));
            var backoff = 0.0;
            if (byHistory.TryGetValue(word, out var followers))
            {
                var historyCount = unigrams[word];
                var left = 1 - followers.Sum(f => (f.Value - Discount) / historyCount);
                var lowerLeft = 1 - followers.Sum(f => Unigram(f.Key.Item2));
                backoff = Math.Log10(Math.Max(left, 1e-9) / Math.Max(lowerLeft, 1e-9));
            }

            lm.Append(Invariant($"{probability:0.0000} {word} {backoff:0.0000}\n"));
        }

        lm.Append("\n\\2-grams:\n");
        foreach (var ((history, word), count) in bigrams.OrderBy(b => b.Key.Item1, StringComparer.Ordinal).ThenBy(b => b.Key.Item2, StringComparer.Ordinal))
        {
            lm.Append(Invariant($"{Math.Log10((count - Discount) / unigrams[history]):0.0000} {history} {word}\n"));
        }

        lm.Append("\n\\end\\\n");

        var dictionary = new StringBuilder();
        foreach (var word in unigrams.Keys.Where(w => w is not "<s>" and not "</s>").Order(StringComparer.Ordinal))
        {
            var variants = pronunciations[word];
            for (var i = 0; i < variants.Count; i++)
            {
                dictionary.Append(i == 0 ? word : Invariant($"{word}({i + 1})")).Append(' ').Append(variants[i]).Append('\n');
            }
        }

        Directory.CreateDirectory(folder);
        var lmPath = Path.Combine(folder, "kb.lm");
        var dictPath = Path.Combine(folder, "kb.dict");
        File.WriteAllText(lmPath, lm.ToString());
        File.WriteAllText(dictPath, dictionary.ToString());
        return new Files(lmPath, dictPath, vocabulary - 2);
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    static Dictionary<string, List<string>> ReadDictionary(string path)
    {
        var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var word = line[..space];
            var paren = word.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0)
            {
                word = word[..paren];
            }

            if (!words.TryGetValue(word, out var list))
            {
                words[word] = list = [];
            }

            list.Add(line[(space + 1)..].Trim());
        }

        return words;
    }

    static IEnumerable<string> Sentences(string text) =>
        text.Split(['.', '!', '?', '\n', ':', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static IEnumerable<string> Words(string sentence)
    {
        var word = new StringBuilder();
        foreach (var c in sentence.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or '\'')
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString().Trim('\'');
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString().Trim('\'');
        }
    }
}
