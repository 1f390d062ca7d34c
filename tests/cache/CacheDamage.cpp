#include "CacheDamage.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <string>

namespace kp::test {

namespace {

class OwnConnection
{
public:
    explicit OwnConnection(const QString& path)
        : m_name(QStringLiteral("damage-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~OwnConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace

int rootPage(const QString& dbPath, const QString& name)
{
    OwnConnection c(dbPath);
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

int pageSize(const QString& dbPath)
{
    OwnConnection c(dbPath);
    QSqlQuery q(c.db());
    return q.exec(QStringLiteral("PRAGMA page_size")) && q.next() ? q.value(0).toInt() : 0;
}

void checkpoint(const QString& dbPath)
{
    OwnConnection c(dbPath);
    QSqlQuery q(c.db());
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

bool damagePage(const QString& dbPath, int page)
{
    const int size = pageSize(dbPath);
    checkpoint(dbPath);
    if (size <= 0 || page < 1)
        return false;
    QFile f(dbPath);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(qint64(page - 1) * size))
        return false;
    // Not a b-tree page type, and cell counts and offsets out of range.
    QByteArray garbage(size, char(0xA5));
    for (int i = 0; i < size; i += 7)
        garbage[i] = char(0xFF - (i & 0x3F));
    return f.write(garbage) == size;
}

int firstChildPage(const QString& dbPath, const QString& name)
{
    const int root = rootPage(dbPath, name);
    const int size = pageSize(dbPath);
    checkpoint(dbPath);
    QFile f(dbPath);
    if (root < 2 || size <= 0 || !f.open(QIODevice::ReadOnly) || !f.seek(qint64(root - 1) * size))
        return 0;
    const QByteArray page = f.read(size);
    auto u16 = [&](int at) {
        return (quint8(page[at]) << 8) | quint8(page[at + 1]);
    };
    if (page.size() != size || quint8(page[0]) != 0x05 || u16(3) < 1) // interior table page, with cells
        return 0;
    const int cell = u16(12); // the first cell: a 4-byte child page number, then the key
    return int((quint32(quint8(page[cell])) << 24) | (quint8(page[cell + 1]) << 16) |
               (quint8(page[cell + 2]) << 8) | quint8(page[cell + 3]));
}

bool damageRootOf(const QString& dbPath, const QString& name)
{
    const int page = rootPage(dbPath, name);
    return page > 1 && damagePage(dbPath, page);
}

bool flipBitInRootOf(const QString& dbPath, const QString& name, const QByteArray& needle)
{
    const int page = rootPage(dbPath, name);
    const int size = pageSize(dbPath);
    checkpoint(dbPath);
    if (page < 2 || size <= 0 || needle.isEmpty())
        return false;
    // No connection of this process is open on the file here.
    QFile f(dbPath);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(qint64(page - 1) * size))
        return false;
    const QByteArray bytes = f.read(size);
    const qsizetype at = bytes.indexOf(needle);
    if (at < 0)
        return false;
    const qint64 where = qint64(page - 1) * size + at + needle.size() - 1;
    const char flipped = char(bytes[at + needle.size() - 1] ^ 0x01);
    return f.seek(where) && f.write(&flipped, 1) == 1;
}

bool execute(const QString& dbPath, const QString& sql)
{
    bool ok = false;
    {
        OwnConnection c(dbPath);
        QSqlQuery q(c.db());
        ok = q.exec(sql);
    }
    checkpoint(dbPath);
    return ok;
}

namespace FaultyVfs {

namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;
std::mutex g_mutex;
std::string g_suffix;
sqlite3_int64 g_from = -1;
sqlite3_int64 g_to = -1;
std::atomic<int> g_failed{0};

struct File
{
    sqlite3_file base;
    sqlite3_file* real;
    bool mainDb;
    std::string path;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<File*>(f)->real;
}

int xClose(sqlite3_file* f)
{
    File* file = reinterpret_cast<File*>(f);
    const int rc = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
    file->path.~basic_string();
    return rc;
}

int xRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    File* file = reinterpret_cast<File*>(f);
    if (file->mainDb) {
        std::lock_guard lock(g_mutex);
        const bool target =
            !g_suffix.empty() && file->path.size() >= g_suffix.size() &&
            file->path.compare(file->path.size() - g_suffix.size(), g_suffix.size(), g_suffix) == 0;
        if (target && g_from >= 0 && offset < g_to && offset + amount > g_from) {
            ++g_failed;
            return SQLITE_IOERR_READ;
        }
    }
    return file->real->pMethods->xRead(file->real, buffer, amount, offset);
}

int xWrite(sqlite3_file* f, const void* b, int n, sqlite3_int64 o)
{
    return real(f)->pMethods->xWrite(real(f), b, n, o);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int xSync(sqlite3_file* f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int l)
{
    return real(f)->pMethods->xLock(real(f), l);
}
int xUnlock(sqlite3_file* f, int l)
{
    return real(f)->pMethods->xUnlock(real(f), l);
}
int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg)
{
    if (op == SQLITE_FCNTL_MMAP_SIZE && arg) {
        *static_cast<sqlite3_int64*>(arg) = 0; // no memory map: every read is an xRead
        return SQLITE_OK;
    }
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags)
{
    File* file = reinterpret_cast<File*>(f);
    file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(File));
    std::memset(file->real, 0, size_t(g_real->szOsFile));
    const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
    if (!file->real->pMethods) {
        f->pMethods = nullptr;
        return rc;
    }
    new (&file->path) std::string(name ? name : "");
    file->mainDb = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    f->pMethods = &g_methods;
    return rc;
}

int xDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    return g_real->xDelete(g_real, name, syncDir);
}
int xAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    return g_real->xAccess(g_real, name, flags, out);
}
int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out)
{
    return g_real->xFullPathname(g_real, name, n, out);
}
void* xDlOpen(sqlite3_vfs*, const char* name)
{
    return g_real->xDlOpen(g_real, name);
}
void xDlError(sqlite3_vfs*, int n, char* out)
{
    g_real->xDlError(g_real, n, out);
}
void (*xDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void)
{
    return g_real->xDlSym(g_real, handle, symbol);
}
void xDlClose(sqlite3_vfs*, void* handle)
{
    g_real->xDlClose(g_real, handle);
}
int xRandomness(sqlite3_vfs*, int n, char* out)
{
    return g_real->xRandomness(g_real, n, out);
}
int xSleep(sqlite3_vfs*, int us)
{
    return g_real->xSleep(g_real, us);
}
int xCurrentTime(sqlite3_vfs*, double* out)
{
    return g_real->xCurrentTime(g_real, out);
}
int xGetLastError(sqlite3_vfs*, int n, char* out)
{
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, n, out) : 0;
}
int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}

} // namespace

bool install()
{
    if (g_real)
        return true;
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real)
        return false;
    std::memset(&g_methods, 0, sizeof g_methods);
    g_methods.iVersion = 2; // no xFetch: no memory-mapped reads
    g_methods.xClose = xClose;
    g_methods.xRead = xRead;
    g_methods.xWrite = xWrite;
    g_methods.xTruncate = xTruncate;
    g_methods.xSync = xSync;
    g_methods.xFileSize = xFileSize;
    g_methods.xLock = xLock;
    g_methods.xUnlock = xUnlock;
    g_methods.xCheckReservedLock = xCheckReservedLock;
    g_methods.xFileControl = xFileControl;
    g_methods.xSectorSize = xSectorSize;
    g_methods.xDeviceCharacteristics = xDeviceCharacteristics;
    g_methods.xShmMap = xShmMap;
    g_methods.xShmLock = xShmLock;
    g_methods.xShmBarrier = xShmBarrier;
    g_methods.xShmUnmap = xShmUnmap;

    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = int(sizeof(File)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = "kpdesk-faulty";
    g_vfs.xOpen = xOpen;
    g_vfs.xDelete = xDelete;
    g_vfs.xAccess = xAccess;
    g_vfs.xFullPathname = xFullPathname;
    g_vfs.xDlOpen = xDlOpen;
    g_vfs.xDlError = xDlError;
    g_vfs.xDlSym = xDlSym;
    g_vfs.xDlClose = xDlClose;
    g_vfs.xRandomness = xRandomness;
    g_vfs.xSleep = xSleep;
    g_vfs.xCurrentTime = xCurrentTime;
    g_vfs.xGetLastError = xGetLastError;
    g_vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
}

void failReads(const QString& fileSuffix, int firstPage, int lastPage, int pageSize)
{
    std::lock_guard lock(g_mutex);
    g_suffix = fileSuffix.toStdString();
    g_from = sqlite3_int64(firstPage - 1) * pageSize;
    g_to = sqlite3_int64(lastPage) * pageSize;
}

void clear()
{
    std::lock_guard lock(g_mutex);
    g_suffix.clear();
    g_from = g_to = -1;
}

int failedReads()
{
    return g_failed.load();
}

} // namespace FaultyVfs

} // namespace kp::test
