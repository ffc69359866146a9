using System.Text;
using IvrFunctions.Core.Speech;

namespace IvrFunctions.Tests.Speech;

public sealed class SpeechTextSplitterTests
{
    [Fact]
    public void ShortText_IsOnePiece() => Assert.Equal(["Hello there."], SpeechTextSplitter.Split("Hello there.", 5000));

    [Fact]
    public void HindiSentences_PackedUnderTheUtf8ByteLimit_AtDandaBoundaries()
    {
        var sentences = Enumerable.Range(1, 30).Select(i => $"यह वाक्य संख्या {i} है और इसमें कुछ हिंदी शब्द हैं।").ToList();
        var text = string.Join(' ', sentences);
        var limit = 500;

        var pieces = SpeechTextSplitter.Split(text, limit);

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, limit));
        Assert.All(pieces, p => Assert.EndsWith("।", p, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(' ', pieces));
        // Characters alone would have allowed far larger pieces: Devanagari is 3 bytes a character.
        Assert.All(pieces, p => Assert.True(p.Length < limit / 2));
    }

    [Fact]
    public void SentenceLongerThanTheLimit_IsSplitAtSpaces()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("भुगतान", 100)) + "।";

        var pieces = SpeechTextSplitter.Split(sentence, 100);

        Assert.All(pieces, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 100));
        Assert.All(pieces, p => Assert.DoesNotContain("  ", p, StringComparison.Ordinal));
        Assert.Equal(sentence, string.Join(' ', pieces));
    }

    [Fact]
    public void WordLongerThanTheLimit_IsSplitAtCharacterBoundariesNeverMidCharacter()
    {
        var word = string.Concat(Enumerable.Repeat("अआइईउ", 20)) + "😀";

        var pieces = SpeechTextSplitter.Split(word, 10);

        Assert.All(pieces, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 10));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]), "a surrogate pair was cut"));
        Assert.Equal(word, string.Concat(pieces));
    }

    [Fact]
    public void MixedPunctuation_SplitsOnEnglishAndHindiTerminators()
    {
        // The Hindi sentence is 48 UTF-8 bytes for 18 characters.
        var pieces = SpeechTextSplitter.Split("Call 1930. फिर बैंक को बताएं। Done? Yes!", 50);

        Assert.Equal(["Call 1930.", "फिर बैंक को बताएं।", "Done? Yes!"], pieces);
    }

    [Fact]
    public void DecimalPoint_IsNotASentenceEnd() => Assert.Equal(["Rs 1.5 lakh today."], SpeechTextSplitter.Split("Rs 1.5 lakh today.", 18));
}
