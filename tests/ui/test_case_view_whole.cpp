// Issue 21, items 9 and 10: the supervisor's window.
// - The case shows the whole case: the checks with the verdict, the
//   physical check, the officer's notes and the attached images (a thumbnail
//   that opens larger, by keyboard), beside the events; a case pulled from
//   another desk says where its inspection was made.
// - The cases dock has room to read, and its height and columns come back
//   after a restart; it follows a case changed in this window or by
//   `kpdesk-cli` in another process on the same desk, without being asked.
// - A supervisor cannot take a case they flagged themselves: Take is
//   disabled with the reason as its tooltip, and the door refuses too.
#include "CliRun.h"
#include "TestSupport.h"
#include "UiDesk.h"

#include "CaseEvidenceView.h"
#include "CaseQueue.h"
#include "CaseView.h"
#include "ImagePreview.h"
#include "InspectionView.h"
#include "LocalSettings.h"
#include "MainWindow.h"
#include "ScannedImageView.h"
#include "VerdictBanner.h"

#include "records/DeskRecords.h"
#include "records/FlaggedEvent.h"
#include "records/SqliteRecordsStore.h"

#include <QApplication>
#include <QBuffer>
#include <QDockWidget>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QUuid>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QString Officer = QStringLiteral("officer");
const QString OfficerPassword = QStringLiteral("officer-demo");
const QString Supervisor = QStringLiteral("supervisor");
const QString SupervisorPassword = QStringLiteral("supervisor-demo");

QByteArray png(QSize size, Qt::GlobalColor colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestCaseViewWhole : public UiDeskTest
{
    Q_OBJECT

public:
    TestCaseViewWhole() : UiDeskTest(QDateTime::currentDateTimeUtc().addDays(-1)) {}

private:
    QDockWidget* casesDock() const { return m_window->findChild<QDockWidget*>(QStringLiteral("casesDock")); }

    // Ctrl+K, as a supervisor would: the queue shows and its table has the focus.
    CaseQueue* openQueueByKeyboard()
    {
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        if (!QTest::qWaitFor([&] { return casesDock()->isVisible(); }))
            return nullptr;
        if (!QTest::qWaitFor([&] { return QApplication::focusWidget() == m_window->caseQueue()->table(); }))
            return nullptr;
        return m_window->caseQueue();
    }

    // Enter on the row of caseId opens it.
    CaseDialog* openByKeyboard(CaseQueue* queue, const QString& caseId)
    {
        for (int row = 0; row < queue->model()->rowCount(); ++row)
            if (queue->caseIdAt(row) == caseId)
                queue->table()->setCurrentIndex(queue->model()->index(row, 0));
        if (queue->caseIdAt(queue->table()->currentIndex().row()) != caseId)
            return nullptr;
        QTest::keyClick(queue->table(), Qt::Key_Return);
        CaseDialog* dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] { return (dialog = m_window->findChild<CaseDialog*>()) && dialog->isVisible(); });
        if (dialog && !QTest::qWaitFor([&] { return QApplication::activeWindow() == dialog; }))
            return nullptr;
        return dialog;
    }

    int rowOf(CaseQueue* queue, const QString& caseId) const
    {
        for (int row = 0; row < queue->model()->rowCount(); ++row)
            if (queue->caseIdAt(row) == caseId)
                return row;
        return -1;
    }

    QString stateShown(CaseQueue* queue, const QString& caseId) const
    {
        const int row = rowOf(queue, caseId);
        return row < 0 ? QString() : queue->model()->index(row, CaseQueueModel::State).data().toString();
    }

    // The officer scans a genuine certificate, does the physical check and
    // flags the shipment with notes, a photo and a text file.
    QString officerFlagsWithEverything()
    {
        if (!m_window->signIn(Officer, OfficerPassword))
            return {};
        m_window->verifyText(m_desk.sample(u"bw-genuine")->text, QStringLiteral("QR Code"));
        if (m_window->currentRecordId().isEmpty())
            return {};
        PhysicalCheck check;
        check.declarationRef = QStringLiteral("DECL-77/2026");
        check.parcelsCounted = 2;
        check.massCarats = 12.5;
        check.sealsIntact = false;
        check.sealNumbers = {QStringLiteral("SEAL-9")};
        check.importerMatches = true;
        m_window->applyPhysicalCheck(check);
        const bool flagged = m_window->saveFlag(
            {QStringLiteral("seal re-glued")}, QStringLiteral("Seal 4471 was re-glued."), true,
            {Attachment{QStringLiteral("container.png"), png(QSize(640, 480), Qt::cyan)},
             Attachment{QStringLiteral("declaration.txt"), QByteArray("DECL-77")}});
        const QString caseId = flagged ? m_window->lastCaseId() : QString();
        m_window->signOut();
        return caseId;
    }

    // A case pulled from the office as the replication stores it: the case
    // row and its flag, made at another desk by kabo.
    bool storePulledCase(const CaseRecord& record, const QJsonObject& flagData, const QString& number)
    {
        CaseEvent flagged;
        flagged.id = newId();
        flagged.caseId = record.id;
        flagged.seq = 1;
        flagged.at = record.openedAt;
        flagged.actor = QStringLiteral("kabo");
        flagged.kind = CaseEventKind::Flagged;
        flagged.data = flagData;
        flagged.origin = record.desk;
        const auto facts = CaseLife::replay({flagged});
        SqliteRecordsStore store(*m_db);
        return facts.ok() && store.begin().ok() && store.insertCase(record).ok() &&
               store.appendEvent(flagged).ok() &&
               store.indexCase({record, *facts, number, QStringLiteral("BW"), 1}).ok() && store.commit().ok();
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
        // A machine where nobody has sized the cases' dock yet.
        LocalSettings::setCasesDockHeight(0);
        LocalSettings::setCaseColumns({});
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        m_ui.newWindow(QSize(1024, 728)).show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void theCaseShowsWhatTheOfficerRecorded()
    {
        const QString caseId = officerFlagsWithEverything();
        QVERIFY(!caseId.isEmpty());

        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        CaseDialog* dialog = openByKeyboard(queue, caseId);
        QVERIFY(dialog);

        // The checks with the verdict, as they were seen.
        QVERIFY(dialog->inspectionView()->checks()->topLevelItemCount() > 5);
        QVERIFY(!dialog->inspectionView()->banner()->headline().isEmpty());
        // The physical check as it was made, against the certificate.
        const QString physical = dialog->evidence()->physicalText();
        QVERIFY2(physical.contains(u"DECL-77/2026"), qPrintable(physical));
        QVERIFY2(physical.contains(u"Parcels counted: 2 (certificate: "), qPrintable(physical));
        QVERIFY2(physical.contains(u"Seals intact: no"), qPrintable(physical));
        QVERIFY2(physical.contains(u"SEAL-9"), qPrintable(physical));
        QVERIFY2(physical.contains(u"Importer matches the declaration: yes"), qPrintable(physical));
        // The officer's notes, with who wrote them.
        const QString notes = dialog->evidence()->notesText();
        QVERIFY2(notes.contains(u"Seal 4471 was re-glued.") && notes.startsWith(Officer), qPrintable(notes));
        // The photo as a thumbnail, the other file by name; the events beside them.
        QCOMPARE(dialog->evidence()->thumbnails().size(), 1);
        QToolButton* thumbnail = dialog->evidence()->thumbnails().first();
        QVERIFY(thumbnail->isVisible());
        QVERIFY(thumbnail->toolTip().contains(u"container.png"));
        QVERIFY2(dialog->evidence()->otherFilesText().contains(u"declaration.txt"),
                 qPrintable(dialog->evidence()->otherFilesText()));
        QCOMPARE(dialog->events()->topLevelItemCount(), 1);

        // Tab to the thumbnail, Space: the image, larger, in its own window; Escape closes it.
        thumbnail->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), thumbnail);
        QTest::keyClick(thumbnail, Qt::Key_Space);
        ImagePreview* preview = nullptr;
        QTRY_VERIFY((preview = dialog->findChild<ImagePreview*>()) && preview->isVisible());
        QCOMPARE(preview->view()->image().size(), QSize(640, 480));
        QVERIFY(preview->view()->imageRect().width() > thumbnail->iconSize().width() * 4);
        QVERIFY(QTest::qWaitForWindowActive(preview));
        QTest::keyClick(preview, Qt::Key_Escape);
        QTRY_VERIFY(!dialog->findChild<ImagePreview*>());
    }

    // A case pulled from the office: this desk has its events, not its
    // inspection. The case says where the inspection was made, in place of
    // an empty area.
    void aCaseFromAnotherDeskSaysWhereItsInspectionIs()
    {
        const CaseRecord record{newId(), newId(), m_clock.nowUtc(), newId(), QStringLiteral("Gaborone 2")};
        QVERIFY(storePulledCase(record,
                                {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("carats")}},
                                 {QStringLiteral("notes"), QStringLiteral("weighed twice")},
                                 {QStringLiteral("held"), true}},
                                QStringLiteral("BW-2026-000123")));

        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        CaseDialog* dialog = openByKeyboard(queue, record.id);
        QVERIFY(dialog);
        QCOMPARE(dialog->inspectionView()->banner()->headline(),
                 QStringLiteral("The inspection was made at desk Gaborone 2"));
        QVERIFY(dialog->evidence()->physicalText().contains(u"The inspection was made at desk Gaborone 2"));
        QVERIFY(dialog->evidence()->notesText().contains(u"weighed twice"));
        QVERIFY(dialog->summaryText().contains(u"Opened at desk Gaborone 2."));
        QCOMPARE(dialog->events()->topLevelItemCount(), 1);
    }

    // A pulled case whose flag carries the signed summary of its inspection
    // (FlaggedEvent, docs/office.md): the case shows that, and only that.
    void aCaseFromAnotherDeskShowsWhatItsFlagSigned()
    {
        const CaseRecord record{newId(), newId(), m_clock.nowUtc(), newId(), QStringLiteral("Gaborone 3")};
        InspectionRecord seen;
        seen.id = record.inspectionId;
        seen.at = record.openedAt.addSecs(-300);
        seen.officer = QStringLiteral("neo");
        seen.number = QStringLiteral("BW-2026-000124");
        seen.participant = QStringLiteral("BW");
        seen.verdict = Verdict::Accept;
        seen.finalVerdict = Verdict::Doubt;
        seen.inspection =
            QJsonObject{{QStringLiteral("checks"),
                         QJsonArray{QJsonObject{{QStringLiteral("check"), QStringLiteral("revocation")},
                                                {QStringLiteral("status"), QStringLiteral("pass")}}}}};
        PhysicalCheck counted;
        counted.parcelsCounted = 4;
        seen.physical = counted;
        QVERIFY(storePulledCase(record,
                                FlaggedEvent::withCaseRow(
                                    FlaggedEvent::withInspection(
                                        {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("parcels")}},
                                         {QStringLiteral("held"), true}},
                                        seen),
                                    FlaggedCaseRow{seen.id, seen.number, seen.participant, record.deskName}),
                                seen.number));

        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        CaseDialog* dialog = openByKeyboard(queue, record.id);
        QVERIFY(dialog);
        QCOMPARE(dialog->inspectionView()->banner()->headline(),
                 QStringLiteral("The inspection was made at desk Gaborone 3"));
        const QString signedText = dialog->inspectionView()->banner()->reason();
        QVERIFY2(signedText.contains(u"verdict ACCEPT (after the physical check DOUBT)"),
                 qPrintable(signedText));
        QVERIFY2(signedText.contains(u"inspected by neo"), qPrintable(signedText));
        QVERIFY2(signedText.contains(u"Revocation: pass"), qPrintable(signedText));
        QVERIFY2(dialog->evidence()->physicalText().contains(u"4"),
                 qPrintable(dialog->evidence()->physicalText()));
    }

    // Four eyes from the review on: a supervisor's own flag is not theirs to
    // take (kp-cases.md; docs/spec-notes.md), unless the post is one person's.
    void aSupervisorCannotTakeTheirOwnFlag()
    {
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        m_window->verifyText(m_desk.sample(u"forged-carats")->text, QStringLiteral("QR Code"));
        QVERIFY(m_window->saveFlag({QStringLiteral("carats altered")}, QString(), true, {}));
        const QString own = m_window->lastCaseId();
        QVERIFY(!own.isEmpty());
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        CaseDialog* dialog = openByKeyboard(queue, own);
        QVERIFY(dialog);
        QVERIFY(!dialog->takeButton()->isEnabled());
        QVERIFY2(dialog->takeButton()->toolTip().contains(u"four eyes"),
                 qPrintable(dialog->takeButton()->toolTip()));
        QTest::keyClick(dialog, Qt::Key_T, Qt::AltModifier);
        QTest::qWait(100);
        QCOMPARE(dialog->state(), CaseState::Open);
        QCOMPARE(dialog->events()->topLevelItemCount(), 1);

        // The door refuses it too, whatever the window shows.
        QCOMPARE(m_window->records().take(*m_window->session(), own).error().code,
                 QStringLiteral("accounts.four-eyes"));

        // On a post of one person, the administrator allows it: Take is theirs.
        auto admin =
            m_window->records().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo"));
        QVERIFY(admin.ok());
        auto settings = m_window->records().settings();
        QVERIFY(settings.ok());
        settings->onePersonPost = true;
        QVERIFY(m_window->records().changeSettings(*admin, *settings).ok());
        QVERIFY(dialog->reload());
        QVERIFY(dialog->takeButton()->isEnabled());
        QCOMPARE(dialog->takeButton()->toolTip(), QString());
        QTest::keyClick(dialog, Qt::Key_T, Qt::AltModifier);
        QTRY_VERIFY2(dialog->state() == CaseState::InReview, qPrintable(dialog->message()));
    }

    // The dock opens with room to read; its height and its columns, as the
    // supervisor left them, come back after the window is closed and opened again.
    void theDockHasRoomAndRemembersItsSize()
    {
        QVERIFY(!officerFlagsWithEverything().isEmpty());
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        const int rowHeight = queue->table()->verticalHeader()->defaultSectionSize();
        QTRY_VERIFY2(
            queue->table()->viewport()->height() >= 5 * rowHeight,
            qPrintable(QStringLiteral("%1 px for the rows").arg(queue->table()->viewport()->height())));

        // The supervisor makes it shorter and the reasons wider, and closes the window.
        const int before = casesDock()->height();
        m_window->resizeDocks({casesDock()}, {before - 60}, Qt::Vertical);
        QTRY_VERIFY(casesDock()->height() < before - 30);
        const int chosen = casesDock()->height();
        queue->table()->horizontalHeader()->resizeSection(CaseQueueModel::Reasons, 321);
        QVERIFY(m_window->close());
        m_window.reset();

        m_ui.newWindow(QSize(1024, 728)).show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        queue = openQueueByKeyboard();
        QVERIFY(queue);
        QTRY_COMPARE(casesDock()->height(), chosen);
        QCOMPARE(queue->table()->horizontalHeader()->sectionSize(CaseQueueModel::Reasons), 321);
    }

    // The queue follows every change of a case without being asked: a flag
    // in this window, and `kpdesk-cli case take` run by another process on
    // the same desk (the open case follows too).
    void theQueueFollowsChangesFromAnotherProcess()
    {
        const QString first = officerFlagsWithEverything();
        QVERIFY(!first.isEmpty());
        QVERIFY(m_window->signIn(Supervisor, SupervisorPassword));
        CaseQueue* queue = openQueueByKeyboard();
        QVERIFY(queue);
        QCOMPARE(queue->model()->rowCount(), 1);
        CaseDialog* dialog = openByKeyboard(queue, first);
        QVERIFY(dialog);
        QCOMPARE(dialog->state(), CaseState::Open);

        // Another process on this desk takes the case.
        const CliRun took = runCli({QStringLiteral("case"), QStringLiteral("--db"), m_ui.copyPath(),
                                    QStringLiteral("--user"), Supervisor, QStringLiteral("take"), first},
                                   {.input = SupervisorPassword.toUtf8() + '\n'});
        QVERIFY2(took.exitCode == 0 && took.out.contains("in_review"), took.said());
        QTRY_COMPARE(stateShown(queue, first), QStringLiteral("In review"));
        QVERIFY2(queue->countsText().contains(u"In review: 1"), qPrintable(queue->countsText()));
        QTRY_COMPARE(dialog->state(), CaseState::InReview);
        QCOMPARE(dialog->events()->topLevelItemCount(), 2);
        dialog->close();

        // A flag in this window, by the supervisor at the desk.
        m_window->verifyText(m_desk.sample(u"forged-carats")->text, QStringLiteral("QR Code"));
        QVERIFY(m_window->saveFlag({QStringLiteral("carats altered")}, QString(), true, {}));
        const QString second = m_window->lastCaseId();
        QTRY_COMPARE(queue->model()->rowCount(), 2);
        QCOMPARE(stateShown(queue, second), QStringLiteral("Open"));
    }
};

QTEST_MAIN(TestCaseViewWhole)
#include "test_case_view_whole.moc"
