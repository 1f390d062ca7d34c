#pragma once

// The desk the window tests share: the demo desk built once in a temporary
// folder (initTestCase), and for each test a fresh copy of it with a window
// on it (init), so that what one test records does not reach the next.

#include "MainWindow.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>

namespace kp::test {

class UiDesk
{
public:
    // Who makes the demo people: the desk once, before it is copied, or
    // the first window on each copy (as the app does on a demo desk).
    enum class People { MadeOnce, MadeByWindow };

    explicit UiDesk(const QDateTime& now = QDateTime::currentDateTimeUtc()) : clock(now) {}

    QTemporaryDir dir;
    FixedClock clock;
    DemoDesk desk;
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<ui::MainWindow> window;

    // Builds the demo desk under dir.
    Status build(People people = People::MadeOnce);
    // Closes the last test's window and database, and opens a fresh copy of
    // the desk in db (its path: copyPath()).
    Status openCopy();
    QString copyPath() const { return m_copyPath; }
    int copies() const { return m_copies; }
    // A new window on db, at `size` when one is given; not shown yet.
    ui::MainWindow& newWindow(QSize size = {});
    // A new window shown and exposed, with `user` signed in.
    Status showSignedIn(const QString& user, const QString& password, QSize size = {});
    void close();

private:
    int m_copies = 0;
    QString m_copyPath;
};

// A window test's base: the fixture, and its parts by the names the tests
// use (m_dir, m_clock, m_desk, m_db, m_window).
class UiDeskTest : public QObject
{
protected:
    explicit UiDeskTest(const QDateTime& now = QDateTime::currentDateTimeUtc()) : m_ui(now) {}

    UiDesk m_ui;
    QTemporaryDir& m_dir = m_ui.dir;
    FixedClock& m_clock = m_ui.clock;
    const DemoDesk& m_desk = m_ui.desk;
    std::unique_ptr<CacheDatabase>& m_db = m_ui.db;
    std::unique_ptr<ui::MainWindow>& m_window = m_ui.window;
};

// Answers the next "Record a correction to this inspection?" dialog as an
// officer does: types `reason` at a person's pace and presses Enter; an empty
// reason presses Esc. `asked` is set when the dialog came, `seen` gets its texts.
void answerCorrection(QObject* context, const QString& reason, bool* asked, QStringList* seen = nullptr);

// Why a Status failed, for QVERIFY2.
QByteArray why(const Status& status);

} // namespace kp::test
