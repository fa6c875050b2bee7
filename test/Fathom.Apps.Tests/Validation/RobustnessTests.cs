namespace Fathom.Apps.Tests.Validation;

/// <summary>Broken templates must give diagnostics, never an exception: every one-line deletion of the corpus is tried.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> ValidTemplates() =>
        [.. Directory.GetDirectories(Path.Combine(TestAssets.Root, "templates", "valid")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public void Load_TemplateWithAnyOneLineRemoved_NeverThrows(string name)
    {
        var source = Directory.GetFiles(TestAssets.Valid(name), "template.*").Single();
        var lines = File.ReadAllLines(source);
        using var temp = new TempDirectory();
        CopyCode(TestAssets.Valid(name), temp.Path);
        var target = Path.Combine(temp.Path, Path.GetFileName(source));

        var outcomes = new List<bool>();
        for (var i = 0; i < lines.Length; i++)
        {
            File.WriteAllLines(target, lines.Where((_, index) => index != i));

            var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

            (result.Succeeded || result.Errors.Count > 0).Should().BeTrue();
            result.Errors.Should().AllSatisfy(e => e.Message.Should().NotBeNullOrWhiteSpace());
            outcomes.Add(result.Succeeded);
        }

        outcomes.Should().Contain(false, "removing some line must break the template");
    }

    private static void CopyCode(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from))
        {
            var copy = Path.Combine(to, Path.GetFileName(directory));
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(directory))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public void Load_TemplateWithRandomCharactersChanged_NeverThrows(string name)
    {
        const string Alphabet = ":-[]{}!&*'\" \n\t,.$|>%@#~0aZ";
        var source = Directory.GetFiles(TestAssets.Valid(name), "template.*").Single();
        var text = File.ReadAllText(source);
        using var temp = new TempDirectory();
        CopyCode(TestAssets.Valid(name), temp.Path);
        var target = Path.Combine(temp.Path, Path.GetFileName(source));
        var random = new Random(name.Length * 7919);

        for (var i = 0; i < 150; i++)
        {
            var chars = text.ToCharArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            File.WriteAllText(target, new string(chars));

            var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

            (result.Succeeded || result.Errors.Count > 0).Should().BeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public void Load_TemplateWithWordsSwappedAndLinesMoved_NeverThrows(string name)
    {
        var source = Directory.GetFiles(TestAssets.Valid(name), "template.*").Single();
        var text = File.ReadAllText(source);
        var words = text.Split([' ', '\n', '[', ']', ','], StringSplitOptions.RemoveEmptyEntries);
        using var temp = new TempDirectory();
        CopyCode(TestAssets.Valid(name), temp.Path);
        var target = Path.Combine(temp.Path, Path.GetFileName(source));
        var random = new Random(name.Length * 104_729);

        for (var i = 0; i < 150; i++)
        {
            var lines = text.Split('\n').ToList();
            var at = random.Next(lines.Count);
            var parts = lines[at].Split(' ');
            parts[random.Next(parts.Length)] = words[random.Next(words.Length)];
            lines[at] = string.Join(' ', parts);
            if (random.Next(3) == 0)
            {
                lines.Insert(random.Next(lines.Count), lines[random.Next(lines.Count)]);
            }

            File.WriteAllText(target, string.Join('\n', lines));

            var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

            (result.Succeeded || result.Errors.Count > 0).Should().BeTrue();
        }
    }
}
