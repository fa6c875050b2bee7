using System.Text.Json;

namespace Fathom.Apps.Overrides;

/// <summary>SAM CLI's <c>--env-vars</c> JSON file: <c>{"Parameters": {...}, "&lt;LogicalId or FunctionName&gt;": {...}}</c>.
/// As in SAM CLI, a file only overrides variables the template declares for that function; function entries win
/// over <c>Parameters</c>.</summary>
public sealed class EnvVarsFile
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _sections;

    private EnvVarsFile(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sections)
    {
        Path = path;
        _sections = sections;
    }

    public string Path { get; }

    /// <summary>Reads the file; a malformed file throws <see cref="EnvVarsFileException"/> naming the file, line and column.</summary>
    public static EnvVarsFile Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new EnvVarsFileException($"{path}: file not found");
        }

        try
        {
            // Parsing a stream skips a UTF-8 byte order mark, which editors on Windows write.
            using var stream = File.OpenRead(fullPath);
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EnvVarsFileException($"{path}: expected a JSON object of sections (\"Parameters\" or a function name) to variables");
            }

            var sections = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new EnvVarsFileException($"{path}: section \"{section.Name}\" must be an object of variable names to values");
                }

                var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var variable in section.Value.EnumerateObject())
                {
                    variables[variable.Name] = variable.Value.ValueKind switch
                    {
                        JsonValueKind.String => variable.Value.GetString()!,
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => variable.Value.GetRawText(),
                        JsonValueKind.Null => "",
                        _ => throw new EnvVarsFileException($"{path}: \"{section.Name}\".\"{variable.Name}\" must be a string, number or boolean"),
                    };
                }

                sections[section.Name] = variables;
            }

            return new EnvVarsFile(fullPath, sections);
        }
        catch (InvalidOperationException)
        {
            // The reader checks UTF-8 inside names and strings only when they are read.
            throw new EnvVarsFileException($"{path}: error: the file is not valid UTF-8");
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new EnvVarsFileException($"{path}:{line}:{column}: error: invalid JSON: {e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd()}");
        }
    }

    /// <summary>The function's environment after the file's overrides: only declared variables change.</summary>
    public IReadOnlyDictionary<string, string> Apply(string logicalId, string functionName, IReadOnlyDictionary<string, string> declared)
    {
        var result = new Dictionary<string, string>(declared, StringComparer.Ordinal);
        foreach (var sectionName in new[] { "Parameters", functionName, logicalId }.Distinct())
        {
            if (!_sections.TryGetValue(sectionName, out var section))
            {
                continue;
            }

            foreach (var (name, value) in section)
            {
                if (declared.ContainsKey(name))
                {
                    result[name] = value;
                }
            }
        }

        return result;
    }
}
