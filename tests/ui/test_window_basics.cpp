// The window's small things an officer meets every day: Help (F1) and About,
// Alt+F for the File menu, times with their zone, file dialogs that start in
// the last folder used, placeholders that fit their fields, and the grey
// "not looked at" state of the physical check explained in words.
#include "TestSupport.h"
#include "UiDesk.h"

#include "AboutDialog.h"
#include "DemoAccounts.h"
#include "DeskStatusPanel.h"
#include "FileDialogs.h"
#include "FirstRunDialog.h"
#include "HelpDialog.h"
#include "InspectionSearch.h"
#include "InspectionView.h"
#include "LocalTime.h"
#include "MainWindow.h"
#include "PhysicalCheckPanel.h"
#include "TodayList.h"
#include "VerdictBanner.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Translation.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QStyleOptionFrame>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <ctime>
#include <functional>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();

// Runs `inspect` on the next modal dialog once it is open, then closes it if
// `inspect` did not: for dialogs that actions open with exec().
void whenModalOpens(std::function<void(QWidget*)> inspect, bool* seen)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, inspect, seen] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        *seen = true;
        inspect(modal);
        if (modal->isVisible())
            if (auto* dialog = qobject_cast<QDialog*>(modal))
                dialog->reject();
    });
    timer->start();
}

// The width a line edit has for its text (what its placeholder must fit in).
int textWidth(const QLineEdit* edit)
{
    QStyleOptionFrame option;
    option.initFrom(edit);
    option.rect = edit->rect();
    option.lineWidth =
        edit->hasFrame() ? edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &option, edit) : 0;
    option.features = QStyleOptionFrame::None;
    const QRect contents = edit->style()->subElementRect(QStyle::SE_LineEditContents, &option, edit);
    const QMargins margins = edit->textMargins();
    int width = contents.width() - margins.left() - margins.right() - 4; // QLineEdit's own 2 px each side
    if (edit->isClearButtonEnabled())
        width -= edit->height(); // the clear button's place, kept even while it is hidden
    return width;
}

QStringList clippedPlaceholders(const QWidget* root)
{
    QStringList clipped;
    for (const QLineEdit* edit : root->findChildren<QLineEdit*>()) {
        if (edit->placeholderText().isEmpty() || !edit->isVisible())
            continue;
        const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText());
        if (needed > textWidth(edit))
            clipped << QStringLiteral("%1 \"%2\" needs %3 px, has %4")
                           .arg(edit->objectName(), edit->placeholderText())
                           .arg(needed)
                           .arg(textWidth(edit));
    }
    return clipped;
}

} // namespace

class TestWindowBasics : public UiDeskTest
{
    Q_OBJECT

public:
    TestWindowBasics() : UiDeskTest(Now) {}

private:
    QAction* actionWithShortcut(const QKeySequence& key) const
    {
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->shortcut() == key)
                return a;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        tzset(); // TZ comes from CTest (Europe/Paris): a zone that is not UTC
        const Status built = m_ui.build(UiDesk::People::MadeOnce);
        QVERIFY2(built.ok(), why(built));
    }

    void init()
    {
        const Status opened = m_ui.openCopy();
        QVERIFY2(opened.ok(), why(opened));
        const Status signedIn =
            m_ui.showSignedIn(QStringLiteral("officer"), QStringLiteral("officer-demo"), QSize(1366, 768));
        QVERIFY2(signedIn.ok(), why(signedIn));
    }

    void cleanup()
    {
        m_window.reset();
        QSettings().remove(QStringLiteral("ui/lastFolder"));
    }

    void f1OpensTheHelpPage()
    {
        bool seen = false;
        QString text;
        QStringList shortcuts;
        whenModalOpens(
            [&](QWidget* modal) {
                auto* help = qobject_cast<HelpDialog*>(modal);
                QVERIFY(help);
                text = help->text();
            },
            &seen);
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        QTRY_VERIFY(seen);
        // What the verdicts mean and what to do on DOUBT and REJECT.
        for (const char* words : {"ACCEPT", "DOUBT", "REJECT", "not looked at", "flag reasonable doubt"})
            QVERIFY2(text.contains(QLatin1String(words)), words);
        // The shortcuts, read from the window's own actions.
        for (const char* line : {"F1", "Ctrl+O", "Ctrl+D", "F5", "F2", "Esc"})
            QVERIFY2(text.contains(QLatin1String(line)), line);
        QVERIFY(text.contains(QStringLiteral("Open image")));
        QVERIFY(!text.contains(QStringLiteral("&Open"))); // no mnemonic marks
    }

    void aboutNamesVersionLicenceLibrariesAndDemo()
    {
        QApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        bool seen = false;
        QString text;
        whenModalOpens(
            [&](QWidget* modal) {
                auto* about = qobject_cast<AboutDialog*>(modal);
                QVERIFY(about);
                text = about->text();
            },
            &seen);
        QAction* about = m_window->findChild<QAction*>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QMenu* help = nullptr; // About is in the Help menu
        for (QAction* a : m_window->menuBar()->actions())
            if (a->menu() && a->menu()->actions().contains(about))
                help = a->menu();
        QVERIFY(help);
        QCOMPARE(help->title(), QStringLiteral("&Help"));
        about->trigger();
        QTRY_VERIFY(seen);
        QVERIFY2(text.contains(QStringLiteral("KP Desk 9.8.7")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("DEMO")), qPrintable(text)); // the demo desk says so
        QVERIFY2(text.contains(QStringLiteral("Qt ") + QLatin1String(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("OpenSSL 3.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ZXing-C++ 1.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("rights reserved")) || text.contains(QStringLiteral("Licence")),
                 qPrintable(text));

        // A real desk's About has no DEMO in it.
        AboutDialog real(false);
        QVERIFY(!real.text().contains(QStringLiteral("DEMO")));
        QVERIFY(real.text().contains(QStringLiteral("KP Desk 9.8.7")));
    }

    // Alt+F opens the File menu, whatever button is on screen.
    void altFOpensTheFileMenu()
    {
        m_window->scanField()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::AltModifier);
        QTRY_VERIFY(QApplication::activePopupWidget() != nullptr);
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QCOMPARE(menu->title(), QStringLiteral("&File"));
        menu->close();
    }

    // No two Alt+letter keys of the desk page (the menu bar's titles, its
    // buttons and its labels' fields, shown or not) are the same key.
    void altKeysOnTheDeskAreUnique()
    {
        QMap<QKeySequence, QStringList> owners;
        for (QAction* a : m_window->menuBar()->actions())
            owners[QKeySequence::mnemonic(a->text())] << QStringLiteral("menu ") + a->text();
        const QWidget* desk = m_window->findChild<QWidget*>(QStringLiteral("deskPage"));
        QVERIFY(desk);
        for (const QAbstractButton* b : desk->findChildren<QAbstractButton*>())
            owners[QKeySequence::mnemonic(b->text())] << QStringLiteral("button ") + b->text();
        for (const QLabel* l : desk->findChildren<QLabel*>())
            if (l->buddy())
                owners[QKeySequence::mnemonic(l->text())] << QStringLiteral("label ") + l->text();
        owners.remove(QKeySequence());
        QStringList clashes;
        for (auto it = owners.cbegin(); it != owners.cend(); ++it)
            if (it.value().size() > 1)
                clashes << it.key().toString() + QStringLiteral(": ") + it.value().join(QStringLiteral(", "));
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    // Local times beside the checks' UTC times name their zone.
    void localTimesNameTheirZone()
    {
        const QString zone = Now.toLocalTime().timeZoneAbbreviation();
        QVERIFY2(!zone.isEmpty() && zone != QLatin1String("UTC"), qPrintable(zone)); // TZ=Europe/Paris
        QCOMPARE(localTimeWithZone(Now, QStringLiteral("HH:mm")),
                 Now.toLocalTime().toString(QStringLiteral("HH:mm ")) + zone);

        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        m_window->openImage(m_desk.sample(u"bw-genuine")->imagePath);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        const auto* today = m_window->todayList()->findChild<QTableView*>(QStringLiteral("todayTable"));
        QVERIFY(today && today->model()->rowCount() >= 1);
        const QString time = today->model()->index(0, 0).data().toString();
        QVERIFY2(time.endsWith(QLatin1Char(' ') + zone), qPrintable(time));
        QVERIFY2(m_window->statusPanel()->summary().contains(zone),
                 qPrintable(m_window->statusPanel()->summary()));
    }

    // File dialogs start in the folder last used, remembered in the settings,
    // not in the program's folder.
    void fileDialogsStartInTheLastFolderUsed()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        QVERIFY(QFile::copy(m_desk.sample(u"bw-genuine")->imagePath,
                            second.filePath(QStringLiteral("scan.png"))));
        QSettings().setValue(QStringLiteral("ui/lastFolder"), first.path());
        QAction* open = actionWithShortcut(QKeySequence::Open);
        QVERIFY(open);

        bool seen = false;
        QString startedIn;
        whenModalOpens(
            [&](QWidget* modal) {
                auto* dialog = qobject_cast<QFileDialog*>(modal);
                QVERIFY(dialog);
                startedIn = dialog->directory().absolutePath();
                dialog->setDirectory(second.path());
                // As a person types it (selectFile leaves a focused name field as it is).
                auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                name->setText(QStringLiteral("scan.png"));
                QCOMPARE(dialog->selectedFiles(), QStringList{second.filePath(QStringLiteral("scan.png"))});
                static_cast<QDialog*>(dialog)->accept(); // as the Open button does
            },
            &seen);
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        QSignalSpy failed(m_window.get(), &MainWindow::scanFailed);
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        open->trigger();
        QTRY_VERIFY(seen);
        QCOMPARE(startedIn, QDir(first.path()).absolutePath());
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() + failed.count() + refused.count() > 0, 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY2(refused.isEmpty(), refused.isEmpty() ? "" : qPrintable(refused.first().first().toString()));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(QSettings().value(QStringLiteral("ui/lastFolder")).toString(),
                 QDir(second.path()).absolutePath());

        // Next time, where the image came from.
        seen = false;
        whenModalOpens(
            [&](QWidget* modal) {
                startedIn = qobject_cast<QFileDialog*>(modal)->directory().absolutePath();
            },
            &seen);
        open->trigger();
        QTRY_VERIFY(seen);
        QCOMPARE(startedIn, QDir(second.path()).absolutePath());

        // A folder that has gone (a stick taken out): Documents or home, never the program's folder.
        QSettings().setValue(QStringLiteral("ui/lastFolder"), first.filePath(QStringLiteral("gone")));
        QVERIFY(FileDialogs::lastFolder() != QDir::currentPath() || QDir::currentPath() == QDir::homePath());
        QVERIFY(QFileInfo(FileDialogs::lastFolder()).isDir());
    }

    // Every file dialog of the window goes through FileDialogs (and so
    // starts in the last folder used): none is opened with QFileDialog's own
    // static functions, which start in the program's folder.
    void noFileDialogBypassesTheLastFolder()
    {
        QStringList bypassing;
        QDirIterator it(QStringLiteral(KPDESK_SOURCE_DIR "/ui"), {QStringLiteral("*.cpp")}, QDir::Files);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("/FileDialogs.cpp")))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            if (file.readAll().contains("QFileDialog::get"))
                bypassing << path;
        }
        QVERIFY2(bypassing.isEmpty(), qPrintable(bypassing.join(QLatin1Char('\n'))));
    }

    // In English and in French (longer), at 1366x768: the window, Find
    // inspection and the first-run dialog.
    void placeholdersFitTheirFields_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("fr") << QStringLiteral("fr");
    }
    void placeholdersFitTheirFields()
    {
        QFETCH(QString, language);
        m_window.reset();
        QCOMPARE(Translation::install(language), language);
        auto english = qScopeGuard([] { Translation::install(QStringLiteral("en")); });
        m_window = std::make_unique<MainWindow>(*m_db, m_clock);
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        m_window->findChild<QDockWidget*>(QStringLiteral("todayDock"))->show();
        QCoreApplication::processEvents();
        QStringList clipped = clippedPlaceholders(m_window.get());
        m_window->showInspectionSearch();
        QCoreApplication::processEvents();
        QVERIFY(m_window->inspectionSearch());
        clipped << clippedPlaceholders(m_window->inspectionSearch()->window());
        FirstRunDialog setup(*m_db, m_clock); // shown only, not set up
        setup.show();
        QVERIFY(QTest::qWaitForWindowExposed(&setup));
        clipped << clippedPlaceholders(&setup);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
        m_window.reset(); // made in this language; the next test makes its own
    }

    // Seals intact and Importer matches say in words which of their three
    // states they are in; the grey one is explained.
    void notLookedAtIsExplained()
    {
        PhysicalCheckPanel* panel = m_window->physicalPanel();
        panel->setEnabled(true); // as after a verdict
        for (QCheckBox* box : {panel->sealsIntact(), panel->importerMatches()}) {
            QCOMPARE(box->checkState(), Qt::PartiallyChecked);
            QVERIFY2(box->text().contains(QStringLiteral("not looked at")), qPrintable(box->text()));
            QVERIFY2(box->toolTip().contains(QStringLiteral("not looked at")), qPrintable(box->toolTip()));
            box->click(); // ticked
            QVERIFY2(box->text().endsWith(QStringLiteral(": yes")), qPrintable(box->text()));
            box->click(); // empty
            QVERIFY2(box->text().endsWith(QStringLiteral(": NO")), qPrintable(box->text()));
            box->click(); // back to grey
            QVERIFY(box->text().contains(QStringLiteral("not looked at")));
        }
        QCOMPARE(panel->sealsIntact()->accessibleName(), QStringLiteral("Seals intact"));
        panel->sealsIntact()->setCheckState(Qt::Unchecked);
        QCOMPARE(panel->check().sealsIntact, std::optional<bool>(false));
    }
};

QTEST_MAIN(TestWindowBasics)
#include "test_window_basics.moc"
