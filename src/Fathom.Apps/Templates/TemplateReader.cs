using System.Globalization;
using Fathom.Apps.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fathom.Apps.Templates;

/// <summary>
/// Reads a YAML or JSON template into a <see cref="TemplateNode"/> tree, turning CloudFormation short-form tags into
/// their long forms. JSON is read by the same parser (YAML is a superset of JSON), so both carry line and column.
/// </summary>
internal sealed class TemplateReader
{
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly TemplateLimits _limits;
    private readonly Dictionary<string, Built> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private bool _aliased;
    private Mark _position = Mark.Empty;

    private TemplateReader(string file, DiagnosticBag diagnostics, TemplateLimits limits)
    {
        _file = file;
        _diagnostics = diagnostics;
        _limits = limits;
    }

    /// <summary>Reads a file, refusing files over the size limit before reading them.</summary>
    public static TemplateNode? ReadFile(string path, string displayPath, DiagnosticBag diagnostics, TemplateLimits? limits = null, bool allowEmpty = false)
    {
        limits ??= TemplateLimits.Default;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > limits.MaxFileBytes)
            {
                diagnostics.Error(SourceLocation.OfFile(displayPath),
                    $"the file is {info.Length / (1024.0 * 1024.0):0.0} MB; the limit is {limits.MaxFileBytes / (1024 * 1024)} MB");
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An editor may be replacing the file while `fathom up` reloads it; the next save reloads again.
            diagnostics.Error(SourceLocation.OfFile(displayPath), $"cannot read the file: {e.Message}");
            return null;
        }

        return TemplateText.Decode(bytes, displayPath, diagnostics) is { } text
            ? ReadText(text, displayPath, diagnostics, limits, allowEmpty)
            : null;
    }

    /// <summary>Reads text; an empty document is an error unless <paramref name="allowEmpty"/>, when it reads as null.</summary>
    public static TemplateNode? ReadText(string text, string displayPath, DiagnosticBag diagnostics, TemplateLimits? limits = null, bool allowEmpty = false)
    {
        limits ??= TemplateLimits.Default;
        if (text.Length > limits.MaxFileBytes)
        {
            diagnostics.Error(SourceLocation.OfFile(displayPath), $"the file is larger than {limits.MaxFileBytes / (1024 * 1024)} MB");
            return null;
        }

        return new TemplateReader(displayPath, diagnostics, limits).Read(text, allowEmpty);
    }

    private TemplateNode? Read(string text, bool allowEmpty)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                if (allowEmpty)
                {
                    return new ScalarNode(SourceLocation.OfFile(_file), string.Empty, isNull: true);
                }

                _diagnostics.Error(SourceLocation.OfFile(_file), "the file is empty");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, 1).Node;
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                _diagnostics.Error(At(next.Start), "a template holds one YAML document; found a second one");
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            _diagnostics.Error(At(ex.Start), CleanMessage(ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
            _diagnostics.Error(At(_position), "invalid YAML after this point: the document is malformed here");
            return null;
        }
        catch (TemplateRefusedException ex)
        {
            _diagnostics.Error(ex.Location, ex.Message);
            return null;
        }
    }

    private Built ReadNode(IParser parser, int depth)
    {
        _position = parser.Current?.Start ?? _position;
        if (depth > _limits.MaxDepth)
        {
            throw new TemplateRefusedException(At(parser.Current!.Start), $"nesting is deeper than {_limits.MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new TemplateRefusedException(At(alias.Start), $"unknown alias '*{alias.Value.Value}'");
            }

            // Aliases share the anchored node; count its full size every time it is used, so a few lines that
            // expand to billions of nodes are refused here instead of by whoever walks the tree later.
            if (depth + target.Height > _limits.MaxDepth)
            {
                throw new TemplateRefusedException(At(alias.Start), $"alias '*{alias.Value.Value}' nests deeper than {_limits.MaxDepth} levels");
            }

            _aliased = true;
            Count(target.Weight, alias.Start);
            return target;
        }

        Built built;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            Count(1, scalar.Start);
            var plain = scalar.Style == ScalarStyle.Plain;
            var isNull = plain && scalar.Tag.IsEmpty && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            var node = new ScalarNode(At(scalar.Start), scalar.Value, !plain, isNull);
            built = new Built(ApplyTag(node, scalar.Tag, scalar.Start), 1, 1);
            Remember(scalar.Anchor, built);
            return built;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            Count(1, sequenceStart.Start);
            var items = new List<TemplateNode>();
            long weight = 1;
            var height = 0;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = ReadNode(parser, depth + 1);
                items.Add(item.Node);
                weight += item.Weight;
                height = Math.Max(height, item.Height);
            }

            var node = new SequenceNode(At(sequenceStart.Start), items);
            built = new Built(ApplyTag(node, sequenceStart.Tag, sequenceStart.Start), weight, height + 1);
            Remember(sequenceStart.Anchor, built);
            return built;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            Count(1, mappingStart.Start);
            var entries = new List<TemplateEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long weight = 1;
            var height = 0;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var key = ReadNode(parser, depth + 1).Node;
                var value = ReadNode(parser, depth + 1);
                weight += value.Weight + 1;
                height = Math.Max(height, value.Height);
                if (key is not ScalarNode keyScalar || key is ScalarNode { IsNull: true })
                {
                    _diagnostics.Error(At(keyStart), "a mapping key must be a plain name");
                    continue;
                }

                if (!seen.Add(keyScalar.Value))
                {
                    _diagnostics.Error(keyScalar.Location, $"duplicate key '{keyScalar.Value}'");
                    continue;
                }

                entries.Add(new TemplateEntry(keyScalar, value.Node));
            }

            var node = new MappingNode(At(mappingStart.Start), entries);
            built = new Built(ApplyTag(node, mappingStart.Tag, mappingStart.Start), weight, height + 1);
            Remember(mappingStart.Anchor, built);
            return built;
        }

        var current = parser.Current;
        throw new TemplateRefusedException(At(current?.Start ?? Mark.Empty), $"unexpected YAML event {current?.GetType().Name}");
    }

    /// <summary>Turns <c>!Ref X</c> into <c>{ Ref: X }</c> and so on, keeping the tag's location.</summary>
    private TemplateNode ApplyTag(TemplateNode node, TagName tag, Mark start)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            return node;
        }

        if (!IntrinsicNames.TryFromTag(tag.Value, out var name))
        {
            _diagnostics.Error(At(start), $"unknown tag '{tag.Value}'; CloudFormation short forms are !Ref, !Sub, !GetAtt, !Join, !Select, !Split, !If, !Equals, !And, !Or, !Not, !FindInMap, !Base64, !Condition, !ImportValue, !Cidr, !GetAZs");
            return node;
        }

        var argument = node;
        if (name == IntrinsicNames.GetAtt && node is ScalarNode dotted)
        {
            // !GetAtt Resource.Attribute splits at the first dot; attributes may contain dots themselves.
            var dot = dotted.Value.IndexOf('.', StringComparison.Ordinal);
            argument = dot < 0
                ? dotted
                : new SequenceNode(dotted.Location, [
                    new ScalarNode(dotted.Location, dotted.Value[..dot]),
                    new ScalarNode(dotted.Location, dotted.Value[(dot + 1)..]),
                ]);
        }

        return new MappingNode(node.Location, [new TemplateEntry(new ScalarNode(node.Location, name), argument)]);
    }

    private void Remember(AnchorName anchor, Built built)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = built;
        }
    }

    private void Count(long weight, Mark at)
    {
        _nodes += weight;
        if (_nodes > _limits.MaxNodes)
        {
            var limit = _limits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture);
            throw new TemplateRefusedException(At(at), _aliased
                ? $"the document expands to more than {limit} nodes through YAML aliases; refusing to read it"
                : $"the document has more than {limit} nodes; refusing to read it");
        }
    }

    private SourceLocation At(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with the position, which the diagnostic already carries.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        var text = message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
        return "invalid YAML: " + text;
    }

    private readonly record struct Built(TemplateNode Node, long Weight, int Height);
}
