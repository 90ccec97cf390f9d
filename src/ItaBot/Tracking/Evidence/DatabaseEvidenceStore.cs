using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Tracking.Evidence;

/// <summary>A piece of a stored file: files are kept as rows of at most <see cref="DatabaseEvidenceStore.ChunkSize"/> bytes.</summary>
public sealed class EvidenceChunk
{
    public required string BlobKey { get; set; }
    public int Seq { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>
/// Evidence in the database itself (SQLite or PostgreSQL), in 256 KB rows written and read one at a time, so
/// a 10 MB photo never sits in memory whole on either provider. Writes join the caller's transaction: an entry
/// refused or rolled back leaves no bytes behind.
/// </summary>
public sealed class DatabaseEvidenceStore(ItaBotDb db) : IEvidenceStore
{
    public const int ChunkSize = 256 * 1024;

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var buffer = new byte[ChunkSize];
            for (var seq = 0; ; seq++)
            {
                var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
                if (filled == 0) break;
                await using var command = Command("INSERT INTO evidence_chunks (\"BlobKey\", \"Seq\", \"Data\") VALUES (@key, @seq, @data)");
                Add(command, "@key", key);
                Add(command, "@seq", seq);
                Add(command, "@data", filled == buffer.Length ? buffer : buffer.AsSpan(0, filled).ToArray());
                await command.ExecuteNonQueryAsync(ct);
                if (filled < buffer.Length) break;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return key;
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        DbCommand? command = null;
        DbDataReader? reader = null;
        try
        {
            command = Command("SELECT \"Data\" FROM evidence_chunks WHERE \"BlobKey\" = @key ORDER BY \"Seq\"");
            Add(command, "@key", key);
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            if (!await reader.ReadAsync(ct))
            {
                await DisposeAsync(reader, command);
                return null;
            }
            return new ChunkStream(reader, command, () => db.Database.CloseConnectionAsync());
        }
        catch
        {
            await DisposeAsync(reader, command);
            throw;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command("DELETE FROM evidence_chunks WHERE \"BlobKey\" = @key");
            Add(command, "@key", key);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    DbCommand Command(string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    async Task DisposeAsync(DbDataReader? reader, DbCommand? command)
    {
        if (reader is not null) await reader.DisposeAsync();
        if (command is not null) await command.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>
    /// Reads the rows of one file in order, copied piece by piece through one buffer per open file (a new array per
    /// row made streaming 500 files cost more memory than the report itself); the reader is positioned on the first row.
    /// </summary>
    sealed class ChunkStream(DbDataReader reader, DbCommand command, Func<Task> close) : Stream
    {
        readonly byte[] _piece = new byte[64 * 1024];
        long _fieldOffset;
        bool _ended;
        bool _disposed;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0) return 0;
            while (!_ended)
            {
                var got = _fieldOffset == 0 && reader.IsDBNull(0) ? 0 : (int)reader.GetBytes(0, _fieldOffset, _piece, 0, Math.Min(buffer.Length, _piece.Length));
                if (got > 0)
                {
                    _fieldOffset += got;
                    _piece.AsSpan(0, got).CopyTo(buffer.Span);
                    return got;
                }
                _fieldOffset = 0;
                _ended = !await reader.ReadAsync(cancellationToken);
            }
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await close();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed) DisposeAsync().AsTask().GetAwaiter().GetResult();
            base.Dispose(disposing);
        }
    }
}
