using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Data;

/// <summary>
/// Group durability for the hot write paths on SQLite (webhook store, the inbox worker's event transactions, the
/// outbox's claims and sent marks). Their contexts commit with <c>synchronous=NORMAL</c> (<see cref="ItaBotDb.FlushesItself"/>):
/// in WAL mode a commit then appends to the WAL without an fsync, so the single write lock is held only while writing,
/// never through a disk flush. Whatever such a commit made must be on disk before anyone outside hears of it (the
/// webhook's 200, an answer sent to LINE): <see cref="FlushAsync(ItaBotDb)"/> fsyncs the WAL file once for every commit finished
/// before it was called, outside the lock, and callers arriving meanwhile share the next flush (one fsync for many
/// commits). What this gives up: on a power cut or an OS crash, commits that nobody outside had heard of yet may be
/// lost — whole (WAL+NORMAL never loses consistency, only the newest commits); a process crash loses nothing. Those
/// commits are exactly the ones nothing depended on: an event not yet acknowledged is redelivered by nobody but was
/// never acknowledged either (LINE sees no 200 and counts the webhook failed); an event handled but not yet answered
/// is handled again after the restart and answered once.
/// </summary>
public static class SqliteDurability
{
    static readonly ConcurrentDictionary<string, WalFlusher> Flushers = new(StringComparer.Ordinal);

    /// <summary>Returns once every commit this process finished on <paramref name="db"/>'s database file before the call is on disk.</summary>
    public static Task FlushAsync(ItaBotDb db)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connectionString) return Task.CompletedTask;
        return FlushAsync(connectionString);
    }

    /// <summary>The same for a SQLite file opened without EF (the webhook's journal, <c>Line/Inbox/InboxStaging</c>).</summary>
    public static Task FlushAsync(string sqliteConnectionString) =>
        Flushers.GetOrAdd(sqliteConnectionString, WalFlusher.For).FlushAsync();

    /// <summary>
    /// The WAL of a SQLite file on which the caller keeps a connection open for as long as it writes, so the WAL file is
    /// never deleted and made again meanwhile (the last connection's close deletes it): fsynced on the calling thread,
    /// through one handle kept open, and its folder synced only the first time (the WAL's entry in it). For a writer
    /// that flushes its own commits in a loop of its own (the webhook's journal, <c>Line/Inbox/InboxStaging</c>).
    /// </summary>
    public sealed class HeldWal(string sqliteConnectionString) : IDisposable
    {
        readonly string _path = Path.GetFullPath(new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource) + "-wal";
        Microsoft.Win32.SafeHandles.SafeFileHandle? _handle;

        public void Flush()
        {
            if (_handle is null)
            {
                _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(_handle);
                WalFlusher.SyncFolder(Path.GetDirectoryName(_path)!);
                return;
            }
            RandomAccess.FlushToDisk(_handle);
        }

        public void Dispose() => _handle?.Dispose();
    }

    /// <summary>
    /// One fsync at a time per database file; everyone who asks while one runs waits for the next, which starts after
    /// it (a flush that began before a caller's commit would not cover it).
    /// </summary>
    sealed class WalFlusher(string? walPath)
    {
        readonly Lock _gate = new();
        TaskCompletionSource? _next;
        bool _running;

        public static WalFlusher For(string connectionString)
        {
            var csb = new SqliteConnectionStringBuilder(connectionString);
            var memory = csb.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:";
            return new WalFlusher(memory ? null : Path.GetFullPath(csb.DataSource) + "-wal");
        }

        public Task FlushAsync()
        {
            if (walPath is null) return Task.CompletedTask;
            lock (_gate)
            {
                _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var mine = _next.Task;
                if (!_running)
                {
                    _running = true;
                    _ = Task.Run(Run);
                }
                return mine;
            }
        }

        void Run()
        {
            while (true)
            {
                TaskCompletionSource batch;
                lock (_gate)
                {
                    if (_next is null)
                    {
                        _running = false;
                        return;
                    }
                    batch = _next;
                    _next = null;
                }
                try
                {
                    Fsync(walPath!);
                    batch.SetResult();
                }
                catch (Exception e) { batch.SetException(e); }
            }
        }

        /// <summary>
        /// fsync flushes the file's pages whichever descriptor wrote them. No WAL file: the last connection closed,
        /// which checkpointed the WAL into the database and synced it. SQLite locks the database and -shm files, never
        /// the WAL, so opening and closing it here cannot drop one of SQLite's POSIX locks.
        /// </summary>
        static void Fsync(string path)
        {
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
            }
            catch (FileNotFoundException) { return; }
            catch (DirectoryNotFoundException) { return; }
            // A WAL file SQLite has just created is only on disk once its folder's entry is: synced every time, since
            // the pool may close the last connection (deleting the WAL) and a new one create it again unseen here. A
            // folder with no change pending syncs at once.
            SyncFolder(Path.GetDirectoryName(path)!);
        }

        internal static void SyncFolder(string folder)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows has no folder flush; NTFS journals entries.
            var fd = Posix.open(folder, Posix.ReadOnly);
            if (fd < 0) throw new IOException($"Could not open {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
            try
            {
                if (Posix.fsync(fd) != 0) throw new IOException($"Could not flush {folder} (errno {Marshal.GetLastPInvokeError()})");
            }
            finally { _ = Posix.close(fd); }
        }
    }

    static partial class Posix
    {
        public const int ReadOnly = 0;

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
