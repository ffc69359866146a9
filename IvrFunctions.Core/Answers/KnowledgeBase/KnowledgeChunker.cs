using System.Text;

namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>Reads markdown articles and cuts them into passages: paragraphs packed up to a size, never split mid-paragraph
/// unless one paragraph alone is too long (then at sentence ends).</summary>
public static class KnowledgeChunker
{
    /// <summary>Bumped when chunking changes, so re-ingesting re-chunks every document.</summary>
    public const string Version = "chunker-1+tokenizer-2";

    public static KnowledgeDocument Read(string id, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var titleLine = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        var title = titleLine?[2..].Trim() ?? Path.GetFileName(id).Replace('-', ' ');
        var body = string.Join('\n', lines.Where(l => !ReferenceEquals(l, titleLine))).Trim();
        return new KnowledgeDocument(id, title, DetectLanguage(id, body), body);
    }

    /// <summary>By the first folder (<c>en/</c>, <c>hi/</c>), else by script: mostly Devanagari letters means Hindi.</summary>
    public static string DetectLanguage(string id, string text)
    {
        var folder = id.Split('/')[0].ToLowerInvariant();
        if (folder is "hi" or "hi-in")
        {
            return "hi-IN";
        }

        if (folder is "en" or "en-in")
        {
            return "en-IN";
        }

        var letters = text.Count(char.IsLetter);
        var devanagari = text.Count(c => c is >= '\u0900' and <= '\u097F');
        return letters > 0 && devanagari * 2 > letters ? "hi-IN" : "en-IN";
    }

    public static IReadOnlyList<string> Chunk(string body, int maxCharacters)
    {
        var paragraphs = body.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)))
            .Where(p => p.Length > 0);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in paragraphs.SelectMany(p => p.Length <= maxCharacters ? [p] : SplitLong(p, maxCharacters)))
        {
            if (current.Length > 0 && current.Length + 1 + paragraph.Length > maxCharacters)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : "").Append(paragraph);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    static IEnumerable<string> SplitLong(string paragraph, int maxCharacters) =>
        Speech.SpeechTextSplitter.Split(paragraph, maxCharacters * 3)
            .SelectMany(piece => piece.Length <= maxCharacters ? [piece] : piece.Chunk(maxCharacters).Select(c => new string(c)));
}
