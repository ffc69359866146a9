using System.Globalization;
using System.Text;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// A parsed ARM template expression (<c>[union(createObject('A', 'b'), ...)]</c>), enough to read which keys an object
/// expression can produce and what a value is built from. Grammar: literals ('text', numbers, true/false/null),
/// function calls, <c>.member</c> and <c>[index]</c> access.
/// </summary>
abstract record ArmExpression
{
    public sealed record Text(string Value) : ArmExpression;

    public sealed record Literal(string Value) : ArmExpression;

    public sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    public sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    /// <summary>Parses a template string value: an expression in brackets, or plain text (<c>[[</c> escapes a bracket).</summary>
    public static ArmExpression ParseValue(string value)
    {
        if (value.StartsWith('[') && value.EndsWith(']') && !value.StartsWith("[[", StringComparison.Ordinal))
        {
            var parser = new Parser(value[1..^1]);
            var expression = parser.ParseExpression();
            parser.ExpectEnd();
            return expression;
        }

        return new Text(value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value);
    }

    /// <summary>Every node of the tree, this one first.</summary>
    public IEnumerable<ArmExpression> Descendants()
    {
        yield return this;
        IEnumerable<ArmExpression> children = this switch
        {
            Call call => call.Arguments,
            Member member => [member.Target],
            Index index => [index.Target, index.Key],
            _ => [],
        };
        foreach (var node in children.SelectMany(child => child.Descendants()))
        {
            yield return node;
        }
    }

    /// <summary>
    /// The (key, value) pairs of every <c>createObject</c> call anywhere in the tree: for an app-settings expression built
    /// with union/if, the settings any branch can set.
    /// </summary>
    public IEnumerable<(string Key, ArmExpression Value)> ObjectEntries() =>
        Descendants()
            .OfType<Call>()
            .Where(call => call.Name.Equals("createObject", StringComparison.OrdinalIgnoreCase))
            .SelectMany(call => Enumerable.Range(0, call.Arguments.Count / 2)
                .Select(i => (call.Arguments[2 * i], call.Arguments[(2 * i) + 1]))
                .Where(pair => pair.Item1 is Text)
                .Select(pair => (((Text)pair.Item1).Value, pair.Item2)));

    sealed class Parser(string text)
    {
        int _position;

        public ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                {
                    expression = new Member(expression, ReadIdentifier());
                }
                else if (TryTake('['))
                {
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_position != text.Length)
            {
                throw Error("end of expression");
            }
        }

        ArmExpression ParsePrimary()
        {
            SkipSpace();
            if (_position >= text.Length)
            {
                throw Error("a value");
            }

            var c = text[_position];
            if (c == '\'')
            {
                return new Text(ReadString());
            }

            if (char.IsDigit(c) || c == '-')
            {
                var start = _position++;
                while (_position < text.Length && (char.IsDigit(text[_position]) || text[_position] == '.'))
                {
                    _position++;
                }

                return new Literal(text[start.._position]);
            }

            var name = ReadIdentifier();
            SkipSpace();
            if (!TryTake('('))
            {
                return new Literal(name);
            }

            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryTake(','));
                Expect(')');
            }

            return new Call(name, arguments);
        }

        string ReadString()
        {
            var value = new StringBuilder();
            _position++; // opening quote
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw Error("closing quote");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (_position < text.Length && text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        string ReadIdentifier()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("a name");
        }

        void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        bool TryTake(char c)
        {
            SkipSpace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        FormatException Error(string expected) => new(string.Create(
            CultureInfo.InvariantCulture,
            $"ARM expression: expected {expected} at {_position} in: {text[.._position]}<here>{text[_position..]}"));
    }
}
