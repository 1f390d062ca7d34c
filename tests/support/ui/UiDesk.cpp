#include "UiDesk.h"

#include "DemoAccounts.h"

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"

#include <QFile>
#include <QtTest>

namespace kp::test {

Status UiDesk::build(People people)
{
    if (!dir.isValid())
        return makeError(QStringLiteral("test.dir"), QStringLiteral("no temporary folder"));
    auto built = buildDemoDesk(dir.filePath(QStringLiteral("demo")), clock);
    if (!built)
        return built.error();
    desk = *built;
    if (people == People::MadeByWindow)
        return success();
    auto opened = CacheDatabase::open(desk.dbPath, CacheDatabase::OpenMode::MustExist);
    if (!opened)
        return opened.error();
    SqliteRecordsStore store(**opened);
    DeskRecords door(store, clock);
    return ui::ensureDemoAccounts(door);
}

Status UiDesk::openCopy()
{
    close();
    m_copyPath = dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_copies));
    // The desk is its database and its key beside it (the demo desk is enrolled).
    const QString keySuffix = QStringLiteral(".desk-key.pem");
    if (!QFile::copy(desk.dbPath, m_copyPath) ||
        !QFile::copy(desk.dbPath + keySuffix, m_copyPath + keySuffix))
        return makeError(QStringLiteral("test.copy"), QStringLiteral("cannot copy the demo desk"));
    auto opened = CacheDatabase::open(m_copyPath, CacheDatabase::OpenMode::MustExist);
    if (!opened)
        return opened.error();
    db = std::move(opened).value();
    return success();
}

ui::MainWindow& UiDesk::newWindow(QSize size)
{
    window = std::make_unique<ui::MainWindow>(*db, clock);
    if (size.isValid())
        window->resize(size);
    return *window;
}

Status UiDesk::showSignedIn(const QString& user, const QString& password, QSize size)
{
    newWindow(size).show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return makeError(QStringLiteral("test.window"), QStringLiteral("the window was not shown"));
    if (!window->signIn(user, password))
        return makeError(QStringLiteral("test.signIn"), QStringLiteral("%1 could not sign in").arg(user));
    return success();
}

void UiDesk::close()
{
    window.reset();
    db.reset();
}

QByteArray why(const Status& status)
{
    return status.ok() ? QByteArray() : (status.error().code + u": " + status.error().message).toUtf8();
}

} // namespace kp::test
