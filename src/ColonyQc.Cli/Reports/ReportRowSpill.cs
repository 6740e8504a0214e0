using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// The rows scored in a run, kept on disk instead of in memory so a run of any length holds a
/// constant amount of them: each row is appended as one CSV line (the CSV report's own format,
/// which carries everything the CSV and JSON reports write) to a temporary file, and read back as
/// a stream whenever a report is written. Rows must be added in ordinal file order (the order
/// scoring produces them in), so the stream comes back sorted and merges with other sorted rows
/// without a sort.
/// </summary>
/// <remarks>
/// The file lives in the system's temporary folder, never beside the report, and on Linux and macOS
/// it is unlinked as soon as it is open, so even a run killed with SIGKILL leaves nothing behind
/// (the kernel frees it with the process). It is read back through the same handle with positional
/// reads, which leave the writer's position alone.
/// </remarks>
internal sealed class ReportRowSpill : IDisposable
{
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private readonly string[] _fields;
    private string? _last;

    /// <summary>Creates the temporary file for rows of a model with <paramref name="classNames"/>.</summary>
    public ReportRowSpill(IReadOnlyList<string> classNames)
    {
        _fields = new string[ReportColumns.Names(classNames).Count];
        var path = Path.Combine(Path.GetTempPath(), $"colonyqc-rows-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        _writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        CsvReport.WriteHeader(_writer, classNames);
    }

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row (its window grid is not kept: only the HTML report draws it, and it does not spill).</summary>
    /// <exception cref="InvalidOperationException">The row's file sorts before the previous row's.</exception>
    public void Add(ReportRow row)
    {
        if (_last is not null && string.CompareOrdinal(row.File, _last) < 0)
        {
            throw new InvalidOperationException($"rows must be added in file order: {row.File} after {_last}");
        }

        CsvReport.WriteRow(_writer, row, _fields);
        _last = row.File;
        Count++;
    }

    /// <summary>The rows added so far, in order, read from the file as they are enumerated.</summary>
    public IEnumerable<ReportRow> Rows()
    {
        _writer.Flush();
        using var reader = new StreamReader(new PositionalReader(_file.SafeFileHandle, _file.Length), new UTF8Encoding(false), false, 1 << 16);
        foreach (var row in CsvReport.Open(reader, "the run's row spill file").Rows)
        {
            yield return row;
        }
    }

    /// <summary>Closes (and so deletes) the temporary file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }

    /// <summary>Reads the first <c>length</c> bytes of a file through a handle with positional reads.</summary>
    private sealed class PositionalReader(SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(handle, buffer[..wanted], _position);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
