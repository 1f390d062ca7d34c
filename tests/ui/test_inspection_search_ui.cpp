// Finding a past inspection in the window (ui/InspectionSearch): by keyboard
// only (type a number, Enter, Down, Enter opens it), each filter, the count
// and "narrow the search", times in local time with the zone, a desk whose
// inspections cannot be read shows the error (never "0 found"), and the
// window's Find inspection... (Ctrl+F) for every signed-in role opens the
// inspection as it was saved.
#include "CacheDamage.h"
#include "InspectionFixtures.h"
#include "TestSupport.h"

#include "InspectionSearch.h"
#include "MainWindow.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using namespace kp::test;
using namespace kp::ui;

namespace {

// A person's pace: slower than a scanner, so the window's wedge filter lets it through.
void typeSlowly(QWidget* w, const QString& text)
{
    for (const QChar c : text)
        QTest::keyClick(w, c.toLatin1(), Qt::NoModifier, 70);
}

} // namespace

class TestInspectionSearchUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    QMap<QString, QString> m_ids;
    std::unique_ptr<InspectionSearch> m_search;

    QStringList shownKeys() const
    {
        QStringList keys;
        for (int row = 0; row < m_search->model()->rowCount(); ++row)
            keys << m_ids.key(m_search->uuidAt(row), QStringLiteral("?"));
        return keys;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        m_path = m_dir.filePath(QStringLiteral("desk.sqlite"));
        auto db = CacheDatabase::open(m_path, CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_ids = writePastInspections(*m_store, m_clock.nowUtc());
        QCOMPARE(m_ids.size(), 5);
    }

    void init()
    {
        m_search = std::make_unique<InspectionSearch>(*m_store, m_clock);
        m_search->show();
        QVERIFY(QTest::qWaitForWindowActive(m_search.get()));
        m_search->numberField()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), m_search->numberField());
    }

    void cleanup() { m_search.reset(); }

    void numberEnterDownEnterOpensIt()
    {
        QAbstractItemModelTester tester(m_search->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(m_search.get(), &InspectionSearch::openInspection);
        // The last 30 days by default.
        const QDate today = m_clock.nowUtc().toLocalTime().date();
        QCOMPARE(m_search->fromField()->date(), today.addDays(-30));
        QCOMPARE(m_search->toField()->date(), today);
        QVERIFY(m_search->countText().isEmpty());

        QTest::keyClicks(m_search->numberField(), QStringLiteral("bw-2026-000003"));
        QTest::keyClick(m_search->numberField(), Qt::Key_Return);
        QCOMPARE(shownKeys(), strings({"tenDays"}));
        QCOMPARE(m_search->countText(), QStringLiteral("1 inspection(s) found."));
        QCOMPARE(QApplication::focusWidget(), m_search->numberField()); // Enter searched, nothing opened
        QCOMPARE(opened.size(), 0);

        QTest::keyClick(m_search->numberField(), Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget(), m_search->table());
        QTest::keyClick(m_search->table(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toString(), m_ids.value(QStringLiteral("tenDays")));

        // What the row says: local time with its zone, verdicts, officer, the case.
        const QAbstractItemModel* model = m_search->model();
        const QDateTime at = m_clock.nowUtc().addDays(-10);
        QCOMPARE(model->index(0, InspectionSearchModel::Time).data().toString(),
                 at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")));
        QVERIFY(!at.toLocalTime().timeZoneAbbreviation().isEmpty());
        QVERIFY(model->index(0, InspectionSearchModel::Time)
                    .data()
                    .toString()
                    .endsWith(at.toLocalTime().timeZoneAbbreviation()));
        QCOMPARE(model->index(0, InspectionSearchModel::Number).data().toString(),
                 QStringLiteral("BW-2026-000003"));
        QCOMPARE(model->index(0, InspectionSearchModel::Participant).data().toString(), QStringLiteral("BW"));
        QCOMPARE(model->index(0, InspectionSearchModel::FinalVerdict).data().toString(),
                 QStringLiteral("Doubt"));
        QCOMPARE(model->index(0, InspectionSearchModel::Officer).data().toString(), QStringLiteral("Olga"));
        QCOMPARE(model->index(0, InspectionSearchModel::Case).data().toString(), QStringLiteral("yes"));
    }

    void downAndUpMoveInTheResults()
    {
        QSignalSpy opened(m_search.get(), &InspectionSearch::openInspection);
        QTest::keyClick(m_search->numberField(), Qt::Key_Return); // every field empty: the last 30 days
        QCOMPARE(shownKeys(), strings({"today", "twoDays", "tenDays"}));
        QCOMPARE(m_search->countText(), QStringLiteral("3 inspection(s) found."));
        QTest::keyClick(m_search->numberField(), Qt::Key_Down);
        QTest::keyClick(m_search->table(), Qt::Key_Down);
        QTest::keyClick(m_search->table(), Qt::Key_Down);
        QTest::keyClick(m_search->table(), Qt::Key_Up);
        QTest::keyClick(m_search->table(), Qt::Key_Enter);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toString(), m_ids.value(QStringLiteral("twoDays")));
        // Up from the first result goes back to the fields.
        QTest::keyClick(m_search->table(), Qt::Key_Up);
        QTest::keyClick(m_search->table(), Qt::Key_Up);
        QCOMPARE(QApplication::focusWidget(), m_search->numberField());
    }

    void filtersByKeyboard()
    {
        // Officer, ignoring case; Enter in that field searches.
        m_search->officerField()->setFocus();
        QTest::keyClicks(m_search->officerField(), QStringLiteral("OLGA"));
        QTest::keyClick(m_search->officerField(), Qt::Key_Return);
        QCOMPARE(shownKeys(), strings({"today", "tenDays"}));
        m_search->officerField()->clear();

        // Verdict (the final one), Enter in the verdict field.
        m_search->verdictField()->setFocus();
        m_search->verdictField()->setCurrentIndex(m_search->verdictField()->findData(int(Verdict::Accept)));
        QTest::keyClick(m_search->verdictField(), Qt::Key_Return);
        QCOMPARE(shownKeys(), strings({"today", "twoDays"}));
        m_search->verdictField()->setCurrentIndex(0);

        // Participant in lower case, a wider date range typed in the date field.
        m_search->participantField()->setFocus();
        QTest::keyClicks(m_search->participantField(), QStringLiteral("bwx")); // two letters at most
        QCOMPARE(m_search->participantField()->text(), QStringLiteral("bw"));
        m_search->fromField()->setDate(m_search->toField()->date().addYears(-2));
        QTest::keyClick(m_search->fromField(), Qt::Key_Return);
        QCOMPARE(shownKeys(), strings({"today", "tenDays", "lastYear"}));

        // A first date after the last is said, not searched.
        m_search->fromField()->setDate(m_search->toField()->date().addDays(1));
        QTest::keyClick(m_search->fromField(), Qt::Key_Return);
        QVERIFY(!m_search->errorText().isEmpty());
        QCOMPARE(m_search->model()->rowCount(), 0);
        m_search->resetDates();
        QTest::keyClick(m_search->participantField(), Qt::Key_Return);
        QVERIFY(m_search->errorText().isEmpty());
        QCOMPARE(shownKeys(), strings({"today", "tenDays"}));
    }

    void moreThanTheLimitSaysNarrowTheSearch()
    {
        m_search->setLimit(2);
        QTest::keyClick(m_search->numberField(), Qt::Key_Return);
        QCOMPARE(shownKeys(), strings({"today", "twoDays"}));
        QCOMPARE(m_search->countText(),
                 QStringLiteral("More than 2 inspection(s) found: narrow the search."));
        QTest::keyClicks(m_search->numberField(), QStringLiteral("ZZ-0000"));
        QTest::keyClick(m_search->numberField(), Qt::Key_Return);
        QCOMPARE(m_search->model()->rowCount(), 0);
        QCOMPARE(m_search->countText(), QStringLiteral("0 inspection(s) found."));
    }

    void unreadableShowsTheErrorNeverNothingFound()
    {
        m_search.reset();
        m_store.reset();
        m_db.reset();
        const QString copy = m_dir.filePath(QStringLiteral("damaged.sqlite"));
        checkpoint(m_path);
        QVERIFY(QFile::copy(m_path, copy));
        QVERIFY(damageRootOf(copy, QStringLiteral("inspections")));
        auto db = CacheDatabase::open(copy, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        SqliteRecordsStore store(**db);
        InspectionSearch search(store, m_clock);
        search.show();
        QVERIFY(QTest::qWaitForWindowActive(&search));
        search.numberField()->setFocus();
        QTest::keyClick(search.numberField(), Qt::Key_Return);
        QVERIFY2(search.errorText().contains(QLatin1String("could not be read")),
                 qPrintable(search.errorText()));
        QVERIFY(search.findChild<QWidget*>(QStringLiteral("searchError"))->isVisible());
        QCOMPARE(search.model()->rowCount(), 0);
        QVERIFY(search.countText().isEmpty()); // no "0 inspection(s) found."
        // Reopen on the good file for the window's test.
        auto good = CacheDatabase::open(m_path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(good.ok());
        m_db = std::move(good).value();
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
    }

    // The window: Find inspection... (Ctrl+F) for an officer, then the same
    // keys open an earlier inspection as it was saved.
    void windowFindsAndOpensAnEarlierInspection()
    {
        m_search.reset();
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY(desk.ok());
        auto db = CacheDatabase::open(desk->dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        MainWindow window(**db, clock);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QAction* find = window.findChild<QAction*>(QStringLiteral("findInspectionAction"));
        QVERIFY(find);
        QVERIFY(!find->isEnabled()); // nobody signed in
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        QVERIFY(find->isEnabled());
        QCOMPARE(find->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));

        window.verifyText(desk->sample(QStringLiteral("bw-genuine"))->text, QStringLiteral("QR Code"));
        const QString first = window.currentRecordId();
        QVERIFY(!first.isEmpty());
        SqliteRecordsStore store(**db);
        const QString number = store.inspection(first)->value().number;
        QVERIFY(!number.isEmpty());
        window.verifyText(desk->sample(QStringLiteral("na-genuine"))->text, QStringLiteral("Data Matrix"));
        QVERIFY(!window.currentRecordId().isEmpty());
        QVERIFY(window.currentRecordId() != first);
        QVERIFY(store.inspection(window.currentRecordId())->value().number != number);

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QPointer<InspectionSearch> search = window.inspectionSearch();
        QVERIFY(search);
        QTRY_VERIFY(search->isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), search->numberField());
        typeSlowly(search->numberField(), number.toLower());
        QTest::keyClick(search->numberField(), Qt::Key_Return, Qt::NoModifier, 70);
        QCOMPARE(search->model()->rowCount(), 1);
        QCOMPARE(search->uuidAt(0), first);
        QTest::keyClick(search->numberField(), Qt::Key_Down, Qt::NoModifier, 70);
        QTest::keyClick(search->table(), Qt::Key_Return, Qt::NoModifier, 70);
        QTRY_VERIFY(!search->isVisible());
        QCOMPARE(window.currentRecordId(), first);
        QTRY_COMPARE(QApplication::activeWindow(), &window);

        // Ctrl+F again: the same search, its results kept. Signed out, it goes with the desk.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->isVisible());
        QCOMPARE(search->uuidAt(0), first);
        window.signOut();
        QVERIFY(!search || !search->isVisible());
        QVERIFY(!window.inspectionSearch()); // the next person starts afresh
        QVERIFY(!find->isEnabled());
        window.showInspectionSearch(); // not even when called
        QVERIFY(!window.inspectionSearch());
    }
};

QTEST_MAIN(TestInspectionSearchUi)
#include "test_inspection_search_ui.moc"
