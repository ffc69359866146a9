using System.Text;

namespace IvrFunctions.Core.Speech;

/// <summary>
/// Splits text for a TTS request limit counted in UTF-8 bytes (Devanagari is 3 bytes a character): whole sentences
/// (ending in . ! ? । ॥ or a line break) are packed greedily; a sentence too long on its own is split at spaces, and a word
/// too long on its own at character (rune) boundaries, so no piece ever exceeds the limit or cuts a character in half.
/// </summary>
public static class SpeechTextSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 8);
        var pieces = new List<string>();
        var current = new StringBuilder();
        var currentBytes = 0;

        void Flush()
        {
            var piece = current.ToString().Trim();
            if (piece.Length > 0)
            {
                pieces.Add(piece);
            }

            current.Clear();
            currentBytes = 0;
        }

        void Add(string part)
        {
            var bytes = Encoding.UTF8.GetByteCount(part);
            if (currentBytes + bytes > maxBytes)
            {
                Flush();
                part = part.TrimStart();
                bytes = Encoding.UTF8.GetByteCount(part);
            }

            current.Append(part);
            currentBytes += bytes;
        }

        foreach (var sentence in Sentences(text))
        {
            if (Encoding.UTF8.GetByteCount(sentence) <= maxBytes)
            {
                Add(sentence);
                continue;
            }

            foreach (var word in Words(sentence))
            {
                if (Encoding.UTF8.GetByteCount(word) <= maxBytes)
                {
                    Add(word);
                    continue;
                }

                foreach (var rune in word.EnumerateRunes())
                {
                    Add(rune.ToString());
                }
            }
        }

        Flush();
        return pieces;
    }

    /// <summary>Sentences with their terminator and the whitespace after it.</summary>
    static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '।' or '॥' or '\n' or '!' or '?' || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!ends)
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
            i = end - 1;
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    static IEnumerable<string> Words(string sentence)
    {
        var start = 0;
        for (var i = 1; i < sentence.Length; i++)
        {
            if (char.IsWhiteSpace(sentence[i - 1]) && !char.IsWhiteSpace(sentence[i]))
            {
                yield return sentence[start..i];
                start = i;
            }
        }

        yield return sentence[start..];
    }
}
