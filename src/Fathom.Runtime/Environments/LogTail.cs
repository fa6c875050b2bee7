using System.Text;

namespace Fathom.Runtime.Environments;

/// <summary>Keeps the end of one invocation's log, START through REPORT, for <c>X-Amz-Log-Result</c>.</summary>
internal sealed class LogTail
{
    public const int MaxBytes = 4 * 1024;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private int _chars;

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            _chars += line.Length + 1;
            while (_chars > MaxBytes * 2 && _lines.Count > 1)
            {
                _chars -= _lines.Dequeue().Length + 1;
            }
        }
    }

    /// <summary>Forgets the init output once init succeeded: the tail of a good invocation is START through REPORT.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _lines.Clear();
            _chars = 0;
        }
    }

    /// <summary>The last <see cref="MaxBytes"/> bytes (UTF-8), cut at a character boundary.</summary>
    public override string ToString()
    {
        string text;
        lock (_lock)
        {
            text = string.Concat(_lines.Select(l => l + "\n"));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= MaxBytes)
        {
            return text;
        }

        var start = bytes.Length - MaxBytes;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
        {
            start++;
        }

        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }
}
