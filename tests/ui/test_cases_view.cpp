// The supervisor's view (issue 10): an officer flags, a supervisor opens the
// queue by keyboard, sees the case first (held shipments first) with the
// count per state, opens it with Enter, takes and decides it by keyboard;
// the supervisor who flagged a case may neither take nor decide it, and is
// told why in clear words (four eyes); an officer has no Cases action.
#include "TestSupport.h"
#include "UiDesk.h"

#include "CaseQueue.h"
#include "CaseView.h"
#include "EscalateDialog.h"
#include "InspectionView.h"
#include "MainWindow.h"
#include "VerdictBanner.h"
#include "WindowHost.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QString Officer = QStringLiteral("officer");
const QString OfficerPassword = QStringLiteral("officer-demo");
const QString Supervisor = QStringLiteral("supervisor");
const QString SupervisorPassword = QStringLiteral("supervisor-demo");

// A person's pace: slower than a scanner, so the wedge filter lets it through.
void typeSlowly(QWidget* w, const QString& text)
{
    for (const QChar c : text)
        QTest::keyClick(w, c.toLatin1(), Qt::NoModifier, 70);
}

} // namespace

class TestCasesView : public UiDeskTest
{
    Q_OBJECT

public:
    TestCasesView() : UiDeskTest(QDateTime::currentDateTimeUtc().addDays(-1)) {}

private:
    QDockWidget* casesDock() const { return m_window->findChild<QDockWidget*>(QStringLiteral("casesDock")); }

    // Scans a sample and flags it as whoever is signed in; the case's id.
    QString flagSample(const QString& key, bool held, const QString& reason)
    {
        m_window->verifyText(m_desk.sample(key)->text, QStringLiteral("QR Code"));
        if (m_window->currentRecordId().isEmpty())
            return {};
        if (!m_window->saveFlag({reason}, QStringLiteral("seen at the desk"), held, {}))
            return {};
        return m_window->lastCaseId();
    }

    // Ctrl+K, as a supervisor would: the queue shows and its table has the focus.
    CaseQueue* openQueueByKeyboard()
    {
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        if (!QTest::qWaitFor([&] { return casesDock()->isVisible(); }))
            return nullptr;
        return m_window->caseQueue();
    }

    // Enter on the table's current row opens that case.
    CaseDialog* openCurrentByKeyboard(CaseQueue* queue)
    {
        QTest::keyClick(queue->table(), Qt::Key_Return);
        CaseDialog* dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] { return (dialog = m_window->findChild<CaseDialog*>()) && dialog->isVisible(); });
        // Not qWaitForWindowActive: a dialog counts as active while its parent is.
        if (dialog && !QTest::qWaitFor([&] { return QApplication::activeWindow() == dialog; }))
            return nullptr;
        return dialog;
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeByWindow);
        QVERIFY2(built.ok(), why(built));
    }

    void init()
    {
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        m_ui.newWindow().show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void officerHasNoCasesAction()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        QVERIFY(!flagSample(QStringLiteral("forged-carats"), true, QStringLiteral("carats")).isEmpty());
        QAction* cases = m_window->findChild<QAction*>(QStringLiteral("casesAction"));
        QVERIFY(cases);
        QVERIFY(!cases->isVisible());
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTest::qWait(50);
        QVERIFY(!casesDock()->isVisible());
        m_window->showCaseQueue(); // not even when called
        QVERIFY(!casesDock()->isVisible());
        QVERIFY(!m_window->openCase(m_window->lastCaseId()));

        // Signed out, nobody has it; a supervisor has it, and loses it with the lock.
        m_window->signOut();
        QVERIFY(!cases->isVisible());
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        QVERIFY(cases->isVisible());
        QVERIFY(openQueueByKeyboard());
        m_window->lockNow();
        QVERIFY(!cases->isVisible());
        QVERIFY(!casesDock()->isVisible());
    }

    // The Cases dock is a tab beside today's list while it is open, and no
    // stop in the officer's Tab order once it is closed (Qt moves a bar of
    // one tab off the window and leaves it "visible"): before a supervisor
    // opened it and after.
    void casesTabOnlyWhileTheQueueIsOpen()
    {
        const auto tabFromToday = [&] {
            auto* today = m_window->findChild<QWidget*>(QStringLiteral("todayTable"));
            today->setFocus();
            QTest::keyClick(today, Qt::Key_Tab);
            const QWidget* next = QApplication::focusWidget();
            return next ? next->objectName() : QString();
        };
        const auto tabbableBarsOfTwo = [&] {
            int bars = 0;
            for (QTabBar* bar : m_window->findChildren<QTabBar*>())
                bars += bar->isVisible() && bar->count() == 2 && (bar->focusPolicy() & Qt::TabFocus) &&
                        m_window->rect().intersects(bar->geometry());
            return bars;
        };
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        QCOMPARE(tabFromToday(), QStringLiteral("syncNow"));
        m_window->signOut();
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        QVERIFY(openQueueByKeyboard());
        QVERIFY(QTest::qWaitFor([&] { return tabbableBarsOfTwo() == 1; }));
        m_window->signOut();
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        QVERIFY(QTest::qWaitFor([&] { return tabFromToday() == QStringLiteral("syncNow"); }, 1000));
        QCOMPARE(tabbableBarsOfTwo(), 0);
    }

    void supervisorTakesAndDecidesByKeyboard()
    {
        // The officer flags two shipments: the first not held, the later one held.
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        const QString notHeld =
            flagSample(QStringLiteral("bw-genuine"), false, QStringLiteral("papers creased"));
        QVERIFY(!notHeld.isEmpty());
        m_clock.set(m_clock.nowUtc().addSecs(3600));
        const QString held =
            flagSample(QStringLiteral("forged-carats"), true, QStringLiteral("carats altered"));
        QVERIFY(!held.isEmpty());
        m_window->signOut();

        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        QAbstractItemModelTester tester(queue->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(QApplication::focusWidget(), queue->table());
        QCOMPARE(queue->model()->rowCount(), 2);
        QCOMPARE(queue->caseIdAt(0), held); // held first, though newer
        QCOMPARE(queue->caseIdAt(1), notHeld);
        QCOMPARE(queue->model()->index(0, CaseQueueModel::Held).data().toString(), QStringLiteral("HELD"));
        QCOMPARE(queue->model()->index(0, CaseQueueModel::FlaggedBy).data().toString(), Officer);
        QCOMPARE(queue->model()->index(0, CaseQueueModel::State).data().toString(), QStringLiteral("Open"));
        QVERIFY(
            queue->model()->index(0, CaseQueueModel::Reasons).data().toString().contains(u"carats altered"));
        QVERIFY2(queue->countsText().contains(QStringLiteral("Open: 2")), qPrintable(queue->countsText()));
        QVERIFY(queue->countsText().contains(QStringLiteral("In review: 0")));
        QCOMPARE(queue->message(), QStringLiteral("2 case(s) listed."));

        // Filters: the reason's words, the state.
        queue->reasonFilter()->setText(QStringLiteral("CREASED"));
        QCOMPARE(queue->model()->rowCount(), 1);
        QCOMPARE(queue->caseIdAt(0), notHeld);
        queue->reasonFilter()->clear();
        queue->officerFilter()->setText(QStringLiteral("someone-else"));
        QCOMPARE(queue->model()->rowCount(), 0);
        QVERIFY(queue->countsText().contains(QStringLiteral("Open: 2"))); // the counts stay in view
        queue->officerFilter()->clear();
        QCOMPARE(queue->model()->rowCount(), 2);

        // Enter on the first row opens the held case.
        queue->table()->setFocus();
        queue->table()->setCurrentIndex(queue->model()->index(0, 0));
        CaseDialog* dialog = openCurrentByKeyboard(queue);
        QVERIFY(dialog);
        QCOMPARE(dialog->caseId(), held);
        QCOMPARE(dialog->state(), CaseState::Open);
        QCOMPARE(dialog->events()->topLevelItemCount(), 1);
        QCOMPARE(dialog->events()->topLevelItem(0)->text(1), Officer);
        QVERIFY(!dialog->inspectionView()->banner()->headline().isEmpty()); // as it was seen
        QVERIFY(dialog->summaryText().contains(u"held"));

        // Alt+T takes it.
        QTest::keyClick(dialog, Qt::Key_T, Qt::AltModifier);
        QTRY_VERIFY2(dialog->state() == CaseState::InReview, qPrintable(dialog->message()));
        QCOMPARE(dialog->events()->topLevelItemCount(), 2);
        QCOMPARE(dialog->events()->topLevelItem(1)->text(1), Supervisor);

        // The outcome by keyboard (Alt+U, then down to "Seized"); no reason: not done.
        QTest::keyClick(dialog, Qt::Key_U, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), dialog->outcomeBox());
        QTest::keyClick(dialog->outcomeBox(), Qt::Key_Down);
        QTest::keyClick(dialog->outcomeBox(), Qt::Key_Down);
        QCOMPARE(dialog->outcomeBox()->currentData().toString(), QStringLiteral("seized"));
        QTest::keyClick(dialog, Qt::Key_D, Qt::AltModifier);
        QTRY_COMPARE(dialog->message(), QStringLiteral("Write the reason for the decision first."));
        QCOMPARE(dialog->state(), CaseState::InReview);
        QTRY_COMPARE(QApplication::focusWidget(), dialog->reasonField());

        typeSlowly(dialog->reasonField(), QStringLiteral("forged"));
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("forged"));
        QTest::keyClick(dialog, Qt::Key_D, Qt::AltModifier);
        QTRY_COMPARE(dialog->state(), CaseState::Decided);
        QCOMPARE(dialog->message(), QStringLiteral("Decided: Seized."));

        // Through the door, with the supervisor's name.
        SqliteRecordsStore store(*m_db);
        DeskRecords door(store, m_clock);
        const auto view = door.caseView(held);
        QVERIFY(view.ok());
        QCOMPARE(view->events.size(), 3);
        QCOMPARE(view->events.last().kind, CaseEventKind::Decision);
        QCOMPARE(view->events.last().actor, Supervisor);
        QCOMPARE(view->events.last().data.value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("seized"));
        QCOMPARE(view->events.last().data.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("forged"));
        QCOMPARE(view->facts.outcome, Outcome::Seized);

        // The queue counts it at once.
        QVERIFY2(queue->countsText().contains(QStringLiteral("Open: 1")), qPrintable(queue->countsText()));
        QVERIFY(queue->countsText().contains(QStringLiteral("Decided: 1")));

        // A note, a close and a reopening, by keyboard.
        typeSlowly(dialog->reasonField(), QStringLiteral("seals"));
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("seals"));
        QTest::keyClick(dialog, Qt::Key_N, Qt::AltModifier);
        QTRY_COMPARE(dialog->events()->topLevelItemCount(), 4);
        QCOMPARE(dialog->state(), CaseState::Decided);
        typeSlowly(dialog->reasonField(), QStringLiteral("ok"));
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("ok"));
        QTest::keyClick(dialog, Qt::Key_L, Qt::AltModifier);
        QTRY_COMPARE(dialog->state(), CaseState::Closed);
        typeSlowly(dialog->reasonField(), QStringLiteral("again"));
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("again"));
        QTest::keyClick(dialog, Qt::Key_O, Qt::AltModifier);
        QTRY_COMPARE(dialog->state(), CaseState::InReview);
        QCOMPARE(dialog->events()->topLevelItemCount(), 6);

        // Escape closes the case's window.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!m_window->findChild<CaseDialog*>());
        const auto trail = door.verifyTrail();
        QVERIFY(trail.ok() && !trail->failure);
    }

    // Four eyes (kp-cases.md, docs/spec-notes.md): a supervisor neither takes
    // nor decides a case they flagged. Take and Decide are disabled with the
    // reason as their tooltip, and the door's refusal is shown in its words.
    void fourEyesRefusalIsShown()
    {
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        const QString own =
            flagSample(QStringLiteral("forged-carats"), true, QStringLiteral("carats altered"));
        QVERIFY(!own.isEmpty());
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        QTRY_COMPARE(QApplication::focusWidget(), queue->table());
        QCOMPARE(queue->caseIdAt(0), own);
        CaseDialog* dialog = openCurrentByKeyboard(queue);
        QVERIFY(dialog);
        QVERIFY(!dialog->takeButton()->isEnabled());
        QVERIFY2(dialog->takeButton()->toolTip().contains(QStringLiteral("four eyes")),
                 qPrintable(dialog->takeButton()->toolTip()));
        QTest::keyClick(dialog, Qt::Key_T, Qt::AltModifier);
        QTest::qWait(50);
        QCOMPARE(dialog->state(), CaseState::Open);
        QVERIFY(!dialog->take()); // as the button would: the door says no
        QVERIFY2(dialog->message().startsWith(QStringLiteral("Not done: ")) &&
                     dialog->message().contains(QStringLiteral("four eyes")),
                 qPrintable(dialog->message()));

        // Another supervisor takes it; its flagger still may not decide it.
        auto admin =
            m_window->records().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo"));
        QVERIFY(admin.ok());
        QVERIFY(
            m_window->records()
                .addAccount(*admin, QStringLiteral("sue"), Role::Supervisor, QStringLiteral("sue-password-1"))
                .ok());
        auto sue = m_window->records().signIn(QStringLiteral("sue"), QStringLiteral("sue-password-1"));
        QVERIFY(sue.ok());
        QVERIFY(m_window->records().take(*sue, own).ok());
        QTRY_COMPARE(dialog->state(), CaseState::InReview); // the open case follows
        QVERIFY(!dialog->decideButton()->isEnabled());
        QVERIFY(dialog->decideButton()->toolTip().contains(QStringLiteral("four eyes")));
        typeSlowly(dialog->reasonField(), QStringLiteral("mine"));
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("mine"));
        QTest::keyClick(dialog, Qt::Key_D, Qt::AltModifier);
        QTest::qWait(50);
        QCOMPARE(dialog->state(), CaseState::InReview);
        QVERIFY(!dialog->decide(Outcome::Seized, dialog->reasonField()->text()));
        QVERIFY2(dialog->message().contains(QStringLiteral("four eyes")), qPrintable(dialog->message()));
        QVERIFY(dialog->message().startsWith(QStringLiteral("Not done: ")));
        QCOMPARE(dialog->state(), CaseState::InReview);
        QCOMPARE(dialog->reasonField()->text(), QStringLiteral("mine")); // kept, for another try

        SqliteRecordsStore store(*m_db);
        const auto events = store.events(own);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), 2); // flagged, sue's review; no decision
        QCOMPARE(events->last().actor, QStringLiteral("sue"));
    }

    // The case shows the inspection as it was seen and, below "Verified
    // again today", the same certificate against today's data: at first no
    // change (its own presentation is no re-use); revoked since, Alt+G shows it.
    // Escalation: the supervisor picks the addressees (the authorities
    // concerned, the KP Chair and the WGM by default); the demo desk is
    // enrolled (issue 21 item 6), so the doubt is signed with its key, waits
    // in the outbox, and the case says so (issue 19 item 2: the window's
    // escalation runs to the end, as `kpdesk-cli case escalate` does).
    void escalationAsksWhomAndSignsTheDoubt()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        const QString caseId =
            flagSample(QStringLiteral("forged-carats"), true, QStringLiteral("carats altered"));
        QVERIFY(!caseId.isEmpty());
        m_window->signOut();
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseDialog* dialog = m_window->openCase(caseId);
        QVERIFY(dialog);
        QVERIFY(dialog->take());
        QVERIFY(dialog->decide(Outcome::Detained, QStringLiteral("carats do not match")));
        QVERIFY(dialog->escalateButton()->isEnabled());

        EscalateDialog choose({QStringLiteral("BW"), QStringLiteral("EU"), QStringLiteral("KP-CHAIR"),
                               QStringLiteral("KP-WGM")},
                              {}, dialog);
        QCOMPARE(choose.chosen().size(), 4);
        choose.list()->item(1)->setCheckState(Qt::Unchecked);
        choose.addField()->setText(QStringLiteral("ao"));
        QVERIFY(choose.addAddressee(choose.addField()->text()));
        QVERIFY(!choose.addAddressee(QStringLiteral("everyone@example.org")));
        QCOMPARE(choose.chosen(), (QStringList{QStringLiteral("BW"), QStringLiteral("KP-CHAIR"),
                                               QStringLiteral("KP-WGM"), QStringLiteral("AO")}));

        const int events = dialog->events()->topLevelItemCount();
        QVERIFY2(dialog->escalate(choose.chosen()), qPrintable(dialog->message()));
        QCOMPARE(dialog->events()->topLevelItemCount(), events + 1);
        QCOMPARE(*dialog->state(), CaseState::Escalated);
        SqliteRecordsStore store(*m_db);
        const auto messages = store.messages(false, false);
        QVERIFY(messages.ok());
        QCOMPARE(messages->size(), 1);
        QCOMPARE(messages->first().kind, QStringLiteral("doubt"));
        QCOMPARE(messages->first().caseId, caseId);
        QVERIFY(messages->first().fileName.startsWith(QStringLiteral("EU-DEMO-01-")));
    }

    // A `released` decision in the case window makes the import
    // confirmation (kp-outbox.md) in the decision's own transaction, as
    // `kpdesk-cli case decide` does; if it cannot be made, nothing is decided.
    void releasedDecisionMakesTheConfirmation()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        const QString caseId = flagSample(QStringLiteral("bw-genuine"), true, QStringLiteral("seals odd"));
        QVERIFY(!caseId.isEmpty());
        m_window->signOut();
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseDialog* dialog = m_window->openCase(caseId);
        QVERIFY(dialog);
        QVERIFY(dialog->take());

        bool failing = true;
        dialog->setEscalation(
            {{}, {}, [&]() -> Result<MessageMaker> {
                 if (failing)
                     return makeError(QStringLiteral("outbox.key"),
                                      QStringLiteral("the desk's key cannot be read"));
                 return MessageMaker([&](quint64 n, const AuditHead&) -> Result<OutboxMessage> {
                     OutboxMessage m;
                     m.id = QStringLiteral("00000000-0000-4000-8000-00000000000%1").arg(n);
                     m.n = n;
                     m.kind = QStringLiteral("confirmation");
                     m.fileName = QStringLiteral("confirmation-%1.kpmsg").arg(n);
                     m.bytes = QByteArrayLiteral("signed");
                     m.caseId = caseId;
                     m.madeAt = m_clock.nowUtc();
                     return m;
                 });
             }});
        QVERIFY(!dialog->decide(Outcome::Released, QStringLiteral("seals checked again")));
        QVERIFY2(dialog->message().contains(QStringLiteral("key")), qPrintable(dialog->message()));
        QCOMPARE(*dialog->state(), CaseState::InReview);

        failing = false;
        QVERIFY2(dialog->decide(Outcome::Released, QStringLiteral("seals checked again")),
                 qPrintable(dialog->message()));
        QCOMPARE(*dialog->state(), CaseState::Decided);
        SqliteRecordsStore store(*m_db);
        const auto messages = store.messages(false, false);
        QVERIFY(messages.ok());
        QCOMPARE(messages->size(), 1);
        QCOMPARE(messages->first().kind, QStringLiteral("confirmation"));
        QCOMPARE(messages->first().caseId, caseId);
    }

    void todayShowsWhatChangedSince()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        const QString caseId = flagSample(QStringLiteral("bw-genuine"), false, QStringLiteral("seals odd"));
        QVERIFY(!caseId.isEmpty());
        m_window->signOut();

        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        QTRY_COMPARE(QApplication::focusWidget(), queue->table());
        CaseDialog* dialog = openCurrentByKeyboard(queue);
        QVERIFY(dialog);
        QCOMPARE(dialog->caseId(), caseId);
        QVERIFY2(dialog->todayVerdictText().contains(QStringLiteral("ACCEPT")),
                 qPrintable(dialog->todayVerdictText()));
        QCOMPARE(dialog->todayChanges().size(), 1);
        QVERIFY2(dialog->todayChanges().first().startsWith(QStringLiteral("No change since ")),
                 qPrintable(dialog->todayChanges().join(u'\n')));

        // The issuing authority revokes it; the next sync brings it to the desk.
        SqliteRecordsStore store(*m_db);
        DeskRecords door(store, m_clock);
        const auto view = door.caseView(caseId);
        QVERIFY(view.ok());
        const auto seen = store.inspection(view->record.inspectionId);
        QVERIFY(seen.ok() && seen->has_value());
        const QString number = (*seen)->number;
        QVERIFY(!number.isEmpty());
        {
            auto writer = CacheWriter::begin(*m_db);
            QVERIFY(writer.ok());
            QVERIFY((*writer)->upsertRevocation({number, QStringLiteral("stolen"),
                                                 m_clock.nowUtc().date().toString(Qt::ISODate),
                                                 QStringLiteral("BW"), QString()}));
            QVERIFY((*writer)->commit());
        }
        m_clock.set(m_clock.nowUtc().addSecs(600));

        QTest::keyClick(dialog, Qt::Key_G, Qt::AltModifier);
        QTRY_VERIFY2(dialog->todayVerdictText().contains(QStringLiteral("REJECT")),
                     qPrintable(dialog->todayVerdictText()));
        const QStringList changes = dialog->todayChanges();
        QVERIFY2(changes.contains(QStringLiteral("verdict: was ACCEPT, now REJECT")),
                 qPrintable(changes.join(u'\n')));
        QVERIFY2(std::any_of(changes.begin(), changes.end(),
                             [](const QString& line) {
                                 return line.startsWith(QStringLiteral("Revocation: was pass, now FAIL — "));
                             }),
                 qPrintable(changes.join(u'\n')));
        // The inspection as it was seen is unchanged, and nothing was recorded.
        QVERIFY(dialog->inspectionView()->banner()->headline().contains(QStringLiteral("ACCEPT"),
                                                                        Qt::CaseInsensitive));
        QCOMPARE(m_db->presentations(number)->size(), 1);
        QCOMPARE(door.caseView(caseId)->events.size(), 1);
    }

    // Issue 21: numbers are written in the language's digits. The language
    // chosen (kpdesk --lang, the Language menu: WindowHost::applyLanguage)
    // is the default locale, so the queue's count per state, like its %Ln
    // plurals, is in Arabic-Indic digits in Arabic and in ASCII digits in
    // English. Last: a language's catalogues stay installed after it.
    void countsAreInTheLanguagesDigits()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        QVERIFY(!flagSample(QStringLiteral("forged-carats"), true, QStringLiteral("carats")).isEmpty());
        m_window->signOut();
        const auto back = qScopeGuard([] {
            WindowHost::applyLanguage(QStringLiteral("en"));
            QLocale::setDefault(QLocale::c());
        });
        static const QRegularExpression ascii(QStringLiteral("[0-9]"));
        for (const QString& language : {QStringLiteral("ar"), QStringLiteral("en")}) {
            WindowHost::applyLanguage(language);
            const bool arabic = language == QLatin1String("ar");
            if (arabic)
                QCOMPARE(QLocale().zeroDigit(), QStringLiteral("\u0660")); // Arabic-Indic
            m_ui.newWindow().show();
            QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
            QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
            m_window->showCaseQueue();
            QTRY_VERIFY(casesDock()->isVisible());
            const QString counts = m_window->caseQueue()->countsText();
            const QString listed = m_window->caseQueue()->message();
            QVERIFY2(counts.contains(QLocale().toString(1)) && counts.contains(QLocale().toString(0)),
                     qPrintable(counts));
            if (arabic) { // "one case" in words: no digits at all
                QVERIFY2(!counts.contains(ascii), qPrintable(counts));
                QVERIFY2(!listed.contains(ascii), qPrintable(listed));
            } else {
                QVERIFY2(counts.contains(QStringLiteral("Open: 1")), qPrintable(counts));
                QCOMPARE(listed, QStringLiteral("1 case listed."));
            }
        }
    }
};

QTEST_MAIN(TestCasesView)
#include "test_cases_view.moc"
