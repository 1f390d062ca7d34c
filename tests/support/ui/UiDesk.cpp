#include "UiDesk.h"

#include "CorrectionDialog.h"
#include "DemoAccounts.h"

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

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

void answerCorrection(QObject* context, const QString& reason, bool* asked, QStringList* seen)
{
    // Looked for until it is there: the dialog opens when the check is applied.
    // The look holds itself only weakly: the timer that calls it holds it, so
    // it is freed after its last call (it held itself, and leaked, before).
    auto tries = std::make_shared<int>(0);
    auto look = std::make_shared<std::function<void()>>();
    const std::weak_ptr<std::function<void()>> self = look;
    *look = [context, reason, asked, seen, tries, self] {
        auto* dialog = qobject_cast<ui::CorrectionDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            if (++*tries < 100)
                if (const auto again = self.lock())
                    QTimer::singleShot(50, context, [again] { (*again)(); });
            return;
        }
        *asked = true;
        if (seen)
            for (const QLabel* label : dialog->findChildren<QLabel*>())
                *seen << label->text();
        if (reason.isEmpty()) {
            QTest::keyClick(dialog, Qt::Key_Escape);
            return;
        }
        QTest::keyClicks(dialog->reasonEdit(), reason, Qt::NoModifier, 20);
        QTest::keyClick(dialog->reasonEdit(), Qt::Key_Return);
    };
    QTimer::singleShot(50, context, [look] { (*look)(); });
}

} // namespace kp::test
