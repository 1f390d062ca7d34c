#include "cache/SqliteHandle_p.h"

#include <QSqlDriver>
#include <QVariant>

#include <dlfcn.h>
#include <sqlite3.h>

namespace kp {

sqlite3* ownSqliteHandle(const QSqlDatabase& db)
{
    QSqlDriver* driver = db.driver();
    const QVariant handle = driver ? driver->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    static const bool sameLibrary = [driver] {
        Dl_info info{};
        // The plugin's file, from the driver object's vtable.
        if (dladdr(*reinterpret_cast<void**>(driver), &info) == 0 || !info.dli_fname)
            return false;
        void* plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
        if (!plugin)
            return false;
        const bool same = dlsym(plugin, "sqlite3_step") == reinterpret_cast<void*>(&sqlite3_step) &&
                          dlsym(plugin, "sqlite3_bind_blob") == reinterpret_cast<void*>(&sqlite3_bind_blob);
        dlclose(plugin);
        return same;
    }();
    if (!sameLibrary)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

} // namespace kp
