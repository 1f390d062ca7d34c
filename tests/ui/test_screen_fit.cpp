// Issue 21, item 5: every window and dialog fits a 1024x768 screen in every
// language. In each of the seven languages (translations/README.md), the
// window and each dialog it opens, with real content (a rejected forgery's
// checks, its case, the desk's addressees), are measured: the smallest size
// their layout allows and the size they open at must fit the screen less its
// window decorations, and the window at that size scrolls only up and down.
// The case is a whole one (issue 21 item 9): its physical check, the
// officer's long notes, eight photos and a file.
#include "TestSupport.h"
#include "UiDesk.h"

#include "AboutDialog.h"
#include "AuditTrailDialog.h"
#include "CaseEvidenceView.h"
#include "CaseView.h"
#include "DemoAccounts.h"
#include "EscalateDialog.h"
#include "FirstRunDialog.h"
#include "FlagDialog.h"
#include "HelpDialog.h"
#include "InspectionSearch.h"
#include "InspectionView.h"
#include "MainWindow.h"
#include "NewPasswordPage.h"
#include "SettingsDialog.h"
#include "UsersDialog.h"
#include "WindowHost.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "outbox/DeskMessaging.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Translation.h"

#include <QApplication>
#include <QBuffer>
#include <QDialogButtonBox>
#include <QLayout>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();
// A 1024x768 screen less a title bar and a panel.
const QSize Room(1024, 768 - 40);

QString sizeText(QSize s)
{
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

} // namespace

class TestScreenFit : public UiDeskTest
{
    Q_OBJECT

public:
    TestScreenFit() : UiDeskTest(Now) {}

    QString m_caseId;
    QStringList m_tooBig;

    // The size a window opens at (its own when it set one, else its layout's
    // wish) and the smallest its layout allows: each within the screen.
    void measure(QWidget* w, const QString& what)
    {
        w->ensurePolished();
        if (w->layout())
            w->layout()->activate();
        const QSize opens = w->testAttribute(Qt::WA_Resized) ? w->size() : w->sizeHint();
        const QSize least = w->minimumSizeHint().expandedTo(w->minimumSize());
        w->show();
        QCoreApplication::processEvents();
        if (qEnvironmentVariableIsSet("KPDESK_LAYOUT_DEBUG"))
            for (QWidget* c : w->findChildren<QWidget*>())
                if (c->isVisible() && c->minimumSizeHint().width() > 300)
                    qDebug() << what << c->metaObject()->className() << c->objectName()
                             << c->minimumSizeHint();
        if (least.width() > Room.width() || least.height() > Room.height())
            m_tooBig << QStringLiteral("%1: at least %2").arg(what, sizeText(least));
        if (opens.width() > Room.width() || opens.height() > Room.height())
            m_tooBig << QStringLiteral("%1: opens at %2").arg(what, sizeText(opens));
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeOnce);
        QVERIFY2(built.ok(), why(built));
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        // A case to open: the officer flags a forgery.
        MainWindow window(*m_db, m_clock);
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        window.verifyText(m_desk.sample(u"forged-carats")->text);
        // The whole case (issue 21 item 9): a physical check with every field
        // and mismatches, long notes, photos and a file.
        PhysicalCheck check;
        check.declarationRef = QStringLiteral("DECL-2026-000477/IMPORT/ANTWERPEN");
        check.parcelsCounted = 3;
        check.massCarats = 1520.35;
        check.sealsIntact = false;
        check.sealNumbers = {QStringLiteral("SEAL-4471"), QStringLiteral("SEAL-4472"),
                             QStringLiteral("SEAL-4473")};
        check.importerMatches = false;
        window.applyPhysicalCheck(check);
        QImage photo(1600, 1200, QImage::Format_RGB32);
        photo.fill(Qt::darkCyan);
        QByteArray photoPng;
        QBuffer buffer(&photoPng);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && photo.save(&buffer, "PNG"));
        QList<Attachment> files;
        for (int i = 1; i <= 8; ++i)
            files << Attachment{QStringLiteral("container-%1.png").arg(i), photoPng};
        files << Attachment{QStringLiteral("declaration-scan-with-a-long-name.pdf"), QByteArray(40000, 'x')};
        QVERIFY(window.saveFlag(window.flagSuggestions(),
                                QStringLiteral("Seal 4471 cut and re-glued; the parcels were re-packed, "
                                               "the importer's name on the declaration differs from the "
                                               "certificate's, and the scale read 12 ct more than declared."),
                                true, files));
        m_caseId = window.lastCaseId();
        QVERIFY(!m_caseId.isEmpty());
        // An account whose password the administrator set.
        auto admin =
            window.records().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo"));
        QVERIFY(admin.ok());
        QVERIFY(
            window.records()
                .addAccount(*admin, QStringLiteral("reset"), Role::Officer, QStringLiteral("first-password"))
                .ok());
        QVERIFY(window.records()
                    .setPassword(*admin, QStringLiteral("reset"), QStringLiteral("reset-by-admin"))
                    .ok());
    }

    // Larger fonts (a desk whose system font is Noto Sans, or a larger size
    // for eyesight): the settings, the longest dialog, still fit the screen
    // with their buttons in view, scrolling their sections instead.
    void settingsFitWithLargerFonts()
    {
        const QFont before = QApplication::font();
        const auto restore = qScopeGuard([&before] { QApplication::setFont(before); });
        QFont large = before;
        large.setPointSizeF(before.pointSizeF() * 1.6);
        QApplication::setFont(large);
        MainWindow window(*m_db, m_clock);
        auto admin =
            window.records().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo"));
        QVERIFY(admin.ok());
        SettingsDialog settings(*m_db, window.records(), *admin, m_clock, &window);
        const int room = settings.screen()->availableGeometry().height(); // 800 px offscreen
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        QVERIFY2(settings.height() <= room,
                 qPrintable(QStringLiteral("%1 > %2").arg(settings.height()).arg(room)));
        const auto* buttons = settings.findChild<QDialogButtonBox*>();
        QVERIFY(buttons && buttons->isVisible());
        QVERIFY(buttons->geometry().bottom() < settings.height());
    }

    void everyWindowFits_data()
    {
        QTest::addColumn<QString>("language");
        const QStringList languages = Translation::available();
        QCOMPARE(languages.size(), 7);
        for (const QString& language : languages)
            QTest::newRow(qPrintable(language)) << language;
    }

    void everyWindowFits()
    {
        QFETCH(QString, language);
        QCOMPARE(WindowHost::applyLanguage(language), language);
        auto english = qScopeGuard([] { WindowHost::applyLanguage(QStringLiteral("en")); });
        m_tooBig.clear();

        MainWindow window(*m_db, m_clock);
        window.resize(Room);
        measure(&window, QStringLiteral("the window, signing in"));
        QVERIFY(window.signIn(QStringLiteral("supervisor"), QStringLiteral("supervisor-demo")));
        // The longest verdict the window shows: a forgery's, flagged.
        window.verifyText(m_desk.sample(u"forged-carats")->text);
        window.showCaseQueue();
        window.resize(Room);
        QCoreApplication::processEvents();
        measure(&window, QStringLiteral("the window, an inspection"));
        if (window.size() != Room)
            m_tooBig << QStringLiteral("the window: grew to %1").arg(sizeText(window.size()));
        // Up and down only: no part of the window wider than the screen.
        for (QScrollArea* area : window.findChildren<QScrollArea*>())
            if (area->isVisible() && area->horizontalScrollBar()->maximum() > 0)
                m_tooBig << QStringLiteral("the window: %1 scrolls sideways by %2 px")
                                .arg(area->objectName())
                                .arg(area->horizontalScrollBar()->maximum());
        const QStringList flagReasons = window.flagSuggestions();
        QVERIFY(!flagReasons.isEmpty());

        window.showInspectionSearch();
        QVERIFY(window.inspectionSearch());
        measure(window.inspectionSearch(), QStringLiteral("Find"));
        window.inspectionSearch()->close();

        CaseDialog* kase = window.openCase(m_caseId);
        QVERIFY(kase);
        QCOMPARE(kase->evidence()->thumbnails().size(), 8); // the whole case is measured
        measure(kase, QStringLiteral("the case"));
        kase->close();

        const QStringList codes =
            DeskMessaging::defaultAddressees(QStringLiteral("BW"), QStringLiteral("NA"));
        const auto described = DeskMessaging::describeAddressees(*m_db, codes);
        QVERIFY(described.ok());
        {
            EscalateDialog escalate(codes, *described, &window);
            measure(&escalate, QStringLiteral("Escalate"));
        }
        {
            FlagDialog flag(QStringLiteral("BW-2026-004711"), flagReasons, &window);
            measure(&flag, QStringLiteral("Flag"));
        }
        {
            auto admin = window.records().signIn(QStringLiteral("administrator"),
                                                 QStringLiteral("administrator-demo"));
            QVERIFY(admin.ok());
            SettingsDialog settings(*m_db, window.records(), *admin, m_clock, &window);
            measure(&settings, QStringLiteral("Settings"));
            UsersDialog users(window.records(), *admin, m_clock, &window);
            measure(&users, QStringLiteral("Users"));
            AuditTrailDialog trail(window.records(), &window);
            measure(&trail, QStringLiteral("Audit trail"));
        }
        {
            FirstRunDialog firstRun(*m_db, m_clock);
            measure(&firstRun, QStringLiteral("First run"));
        }
        {
            AboutDialog about(true, &window);
            measure(&about, QStringLiteral("About"));
        }
        {
            HelpDialog help(&window, &window);
            measure(&help, QStringLiteral("Help"));
        }
        window.lockNow();
        QCoreApplication::processEvents();
        measure(&window, QStringLiteral("the window, locked"));
        // A password set by the administrator: its owner chooses a new one first.
        window.signOut();
        QVERIFY(!window.signIn(QStringLiteral("reset"), QStringLiteral("reset-by-admin")));
        QVERIFY(window.newPasswordPage()->isVisible());
        measure(&window, QStringLiteral("the window, a new password"));
        QVERIFY2(m_tooBig.isEmpty(), qPrintable(m_tooBig.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestScreenFit)
#include "test_screen_fit.moc"
