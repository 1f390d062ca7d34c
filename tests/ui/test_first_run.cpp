// A real desk's first run, as an administrator does it with the authority's
// files: the source checked (a folder of bundles without its index is
// refused, with why), Browse, the first sync on a worker thread with its
// result, and the enrolment by file exchange. Then the window: Sync now tries
// every configured source in turn, "already up to date" is a success, and
// the administrator's settings dialog changes sources, scanner, idle lock
// and sounds.
#include "DeskStatusPanel.h"
#include "EnrolmentPanel.h"
#include "FileDialogs.h"
#include "FirstRunDialog.h"
#include "LocalSettings.h"
#include "MainWindow.h"
#include "MessageBoxes.h"
#include "SettingsDialog.h"
#include "SyncController.h"
#include "TestSupport.h"

#include "cache/CacheDatabase.h"
#include "outbox/DeskIdentity.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace kp;
using namespace kp::ui;

namespace {

const QString Admin = QStringLiteral("amina");
const QString AdminPassword = QStringLiteral("first-run-admin-2026");

QByteArray cli(const QStringList& args, int* exitCode = nullptr)
{
    QProcess p;
    p.start(test::cliPath(), args);
    p.waitForFinished(120000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput() + p.readAllStandardError();
}

template <typename T>
T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

void click(QWidget* parent, const char* button)
{
    auto* b = child<QPushButton>(parent, button);
    QVERIFY2(b && b->isVisible() && b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

// Typed by a person: slower than a wedge scanner, whose bursts the window
// takes as scans wherever the focus is.
void type(QWidget* parent, const char* field, const QString& text)
{
    auto* f = child<QLineEdit>(parent, field);
    QVERIFY2(f, field);
    f->setFocus();
    f->clear();
    QTest::keyClicks(f, text, Qt::NoModifier, 70);
}

} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock; // the desk certificate the authority issues is valid from now
    std::unique_ptr<CacheDatabase> m_db;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString pki() const { return path(QStringLiteral("pki")); }
    QString site() const { return path(QStringLiteral("site")); }
    QString bundlesOnly() const { return path(QStringLiteral("bundles-only")); }
    QString unmounted() const { return path(QStringLiteral("media/usb-stick")); }

    void fillIn(FirstRunDialog& dialog)
    {
        type(&dialog, "participant", QStringLiteral("eu"));
        FileDialogs::setNextFileName(pki() + QStringLiteral("/bundle-cert.pem"));
        click(&dialog, "browseKeyButton");
        type(&dialog, "adminName", Admin);
        type(&dialog, "adminPassword", AdminPassword);
        type(&dialog, "adminPasswordAgain", AdminPassword);
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        QVERIFY2(QFile::exists(test::cliPath()), qPrintable(test::cliPath()));
        int code = -1;
        QByteArray said = cli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"),
                               pki(), QStringLiteral("--home"), QStringLiteral("EU"),
                               QStringLiteral("--issuer"), QStringLiteral("EU")},
                              &code);
        QVERIFY2(code == 0, said.constData());
        const QString full = path(QStringLiteral("full.kpsync"));
        said = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki(),
                    QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--keys"),
                    QStringLiteral("--participants"), QStringLiteral("demo"), QStringLiteral("--out"), full},
                   &code);
        QVERIFY2(code == 0, said.constData());
        said = cli({QStringLiteral("authority"), QStringLiteral("publish"), QStringLiteral("--pki"), pki(),
                    QStringLiteral("--out"), site(), full},
                   &code);
        QVERIFY2(code == 0, said.constData());
        // What an officer gets copying the bundle files alone to a stick.
        QVERIFY(QDir().mkpath(bundlesOnly()));
        for (const QString& f : QDir(site()).entryList({QStringLiteral("*.kpsync")}, QDir::Files))
            QVERIFY(QFile::copy(QDir(site()).filePath(f), QDir(bundlesOnly()).filePath(f)));
        QVERIFY(!QDir(bundlesOnly()).isEmpty());

        auto db = CacheDatabase::open(path(QStringLiteral("desk.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
    }

    void cleanup() { FileDialogs::setNextFileName({}); }

    // A folder with bundles but no index is not taken as the source: the
    // desk stays as it was and the dialog says why.
    void aFolderOfBundlesWithoutIndexIsRefusedWithWhy()
    {
        FirstRunDialog dialog(*m_db, m_clock);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillIn(dialog);
        FileDialogs::setNextFileName(bundlesOnly());
        click(&dialog, "browseSourceFolderButton");
        QCOMPARE(dialog.source(), bundlesOnly());
        click(&dialog, "setUpButton");
        QVERIFY(!dialog.deskSetUp());
        QVERIFY2(dialog.message().contains(QStringLiteral("no sync index")), qPrintable(dialog.message()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(*m_db->isInitialized(), false);
        QVERIFY(m_db->syncSources()->isEmpty());
    }

    // Set up, synced once at the end on a worker thread with the result on
    // screen, and enrolled by file exchange before starting.
    void setUpSyncsOnceAndEnrols()
    {
        FirstRunDialog dialog(*m_db, m_clock);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillIn(dialog);
        FileDialogs::setNextFileName(site());
        click(&dialog, "browseSourceFolderButton");
        QSignalSpy synced(dialog.sync(), &SyncController::finished);
        click(&dialog, "setUpButton");
        QVERIFY2(dialog.deskSetUp(), qPrintable(dialog.message()));
        QVERIFY(dialog.sync()->isRunning() || synced.size() == 1); // not on the GUI thread
        auto* start = child<QPushButton>(&dialog, "startButton");
        QVERIFY(start && start->isVisible());
        QVERIFY(synced.size() == 1 || synced.wait(60000));
        QCOMPARE(synced.first().at(0).toBool(), true);
        QVERIFY2(dialog.message().contains(QStringLiteral("Synced from")) &&
                     dialog.message().contains(QStringLiteral("seq 1")),
                 qPrintable(dialog.message()));
        QVERIFY(start->isEnabled());
        QCOMPARE(m_db->syncState()->seq, quint64(1));
        QCOMPARE(*m_db->syncSources(), QStringList{site()});

        // The enrolment, as kpdesk-cli enrol does it: the request to a file...
        EnrolmentPanel* enrol = dialog.enrolment();
        QVERIFY(enrol && enrol->isVisible());
        const QString csr = path(QStringLiteral("desk.csr.pem"));
        FileDialogs::setNextFileName(csr);
        click(enrol, "saveRequestButton"); // no desk id yet
        QVERIFY2(enrol->message().contains(QStringLiteral("desk's id")), qPrintable(enrol->message()));
        QVERIFY(!QFile::exists(csr));
        type(enrol, "deskId", QStringLiteral("eu-anr-03"));
        FileDialogs::setNextFileName(csr);
        click(enrol, "saveRequestButton");
        QVERIFY2(enrol->message().contains(QStringLiteral("Wrote the certificate request of desk EU-ANR-03")),
                 qPrintable(enrol->message()));
        QVERIFY(QFile::exists(csr));
        const QString key = DeskIdentity::keyPath(*m_db);
        QCOMPARE(QFileInfo(key).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);

        // ...the authority's answer...
        const QString cert = path(QStringLiteral("desk.cert.pem"));
        int code = -1;
        const QByteArray said =
            cli({QStringLiteral("authority"), QStringLiteral("enrol"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--csr"), csr, QStringLiteral("--out"), cert},
                &code);
        QVERIFY2(code == 0, said.constData());

        // ...refused while the key file is readable by others, with the fix...
        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        FileDialogs::setNextFileName(cert);
        click(enrol, "installCertificateButton");
        QVERIFY2(enrol->message().contains(QStringLiteral("chmod 600")), qPrintable(enrol->message()));
        QVERIFY(!DeskIdentity::load(*m_db).ok());
        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner));

        // ...a certificate that is not this desk's refused...
        FileDialogs::setNextFileName(pki() + QStringLiteral("/bundle-cert.pem"));
        click(enrol, "installCertificateButton");
        QVERIFY(!DeskIdentity::load(*m_db).ok());
        QVERIFY(!enrol->message().contains(QStringLiteral("Installed")));

        // ...and the right one installed.
        FileDialogs::setNextFileName(cert);
        click(enrol, "installCertificateButton");
        QVERIFY2(enrol->message().contains(QStringLiteral("Installed the certificate of desk EU-ANR-03")),
                 qPrintable(enrol->message()));
        const auto identity = DeskIdentity::load(*m_db);
        QVERIFY(identity.ok());
        QCOMPARE(identity->deskId, QStringLiteral("EU-ANR-03"));

        // The authority revokes the desk and publishes its list of desks:
        // after the next sync the panel says so, not "Enrolled".
        const QByteArray revoked =
            cli({QStringLiteral("authority"), QStringLiteral("revoke-desk"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--desk"), QStringLiteral("EU-ANR-03")},
                &code);
        QVERIFY2(code == 0, revoked.constData());
        const QString desks = path(QStringLiteral("desks.kpsync"));
        cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki(),
             QStringLiteral("--seq"), QStringLiteral("2"), QStringLiteral("--base"), QStringLiteral("1"),
             QStringLiteral("--desks"), QStringLiteral("--out"), desks},
            &code);
        QCOMPARE(code, 0);
        const QByteArray synced2 =
            cli({QStringLiteral("sync"), QStringLiteral("--db"), m_db->path(), desks}, &code);
        QVERIFY2(code == 0, synced2.constData());
        enrol->refresh();
        QVERIFY2(enrol->message().contains(QStringLiteral("revoked")), qPrintable(enrol->message()));

        QTest::mouseClick(start, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.demoChosen());
    }

    // Sync now takes the configured sources in turn: an unmounted USB folder
    // first does not keep the good source second from being used, and a desk
    // already current is told so as a success, not as "Sync failed".
    void syncNowTriesEachSourceInTurn()
    {
        QVERIFY(m_db->setSyncSources({unmounted(), site()}).ok());
        MainWindow window(*m_db, m_clock);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.signIn(Admin, AdminPassword));
        QSignalSpy done(&window, &MainWindow::syncFinished);
        QPushButton* button = window.statusPanel()->syncButton();
        QVERIFY(button && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(done.wait(60000));
        const QString message = done.first().at(1).toString();
        QVERIFY2(done.first().at(0).toBool(), qPrintable(message));
        QVERIFY2(message.startsWith(QStringLiteral("Already up to date")), qPrintable(message));
        QVERIFY2(message.contains(unmounted()), qPrintable(message)); // passed over, and said so
        QVERIFY(!message.contains(QStringLiteral("failed")));

        // Every source failing: each one's reason is given.
        QVERIFY(m_db->setSyncSources({unmounted(), bundlesOnly()}).ok());
        done.clear();
        // The warning the window shows, read and closed as a person would (ui/MessageBoxes.h).
        auto boxText = std::make_shared<QString>();
        MessageBoxes::answerWithoutShowing([boxText](const MessageBoxes::Shown& box) {
            if (box.kind == MessageBoxes::Kind::Warning)
                *boxText = box.text;
            return QMessageBox::Ok;
        });
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(done.wait(60000));
        MessageBoxes::answerWithoutShowing([](const MessageBoxes::Shown&) { return QMessageBox::No; });
        QVERIFY2(boxText->startsWith(QStringLiteral("Sync failed")), qPrintable(*boxText));
        QCOMPARE(done.first().at(0).toBool(), false);
        const QString failed = done.first().at(1).toString();
        QVERIFY2(failed.contains(unmounted()) && failed.contains(bundlesOnly()), qPrintable(failed));
        QVERIFY(m_db->setSyncSources({site()}).ok());
    }

    // The settings dialog: administrators only; sources added (checked,
    // Browse), reordered and removed; the scanner's port, the idle lock and
    // sounds; all saved and applied at once.
    void settingsForAdministrators()
    {
        LocalSettings::setSounds(true); // as on a machine never set (test mode's settings outlive a run)
        LocalSettings::setSerialPort({});
        {
            SqliteRecordsStore store(*m_db);
            DeskRecords door(store, m_clock);
            const Session setup = Session::forCommandLine(QStringLiteral("test"));
            QVERIFY(door.addAccount(setup, QStringLiteral("olga"), Role::Officer,
                                    AdminPassword + QStringLiteral("-o"))
                        .ok());
        }
        MainWindow window(*m_db, m_clock);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.signIn(QStringLiteral("olga"), AdminPassword + QStringLiteral("-o")));
        QVERIFY(!window.settingsAction()->isVisible());
        window.showSettings();
        QVERIFY(!window.findChild<SettingsDialog*>());
        window.signOut();
        QVERIFY(window.signIn(Admin, AdminPassword));
        QVERIFY(window.settingsAction()->isVisible() && window.settingsAction()->isEnabled());
        window.settingsAction()->trigger();
        auto* dialog = window.findChild<SettingsDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->sources(), QStringList{site()});

        FileDialogs::setNextFileName(bundlesOnly());
        click(dialog, "browseSourceFolderButton");
        QVERIFY2(dialog->message().contains(QStringLiteral("no sync index")), qPrintable(dialog->message()));
        QCOMPARE(dialog->sources(), QStringList{site()});
        const QString bundle = QDir(site()).entryInfoList({QStringLiteral("*.kpsync")}).value(0).filePath();
        FileDialogs::setNextFileName(bundle);
        click(dialog, "browseSourceFileButton");
        type(dialog, "newSource", QStringLiteral("https://kp.example.eu/desk"));
        click(dialog, "addSourceButton");
        QCOMPARE(dialog->sources(),
                 (QStringList{site(), bundle, QStringLiteral("https://kp.example.eu/desk")}));
        // The URL first, then the bundle file goes.
        click(dialog, "sourceUpButton");
        click(dialog, "sourceUpButton");
        auto* list = child<QListWidget>(dialog, "sourceList");
        list->setCurrentRow(2);
        click(dialog, "removeSourceButton");
        QCOMPARE(dialog->sources(), (QStringList{QStringLiteral("https://kp.example.eu/desk"), site()}));

        auto* port = child<QComboBox>(dialog, "serialPort");
        port->setFocus();
        port->lineEdit()->clear();
        QTest::keyClicks(port, QStringLiteral("/dev/null-imager"), Qt::NoModifier, 70);
        auto* idle = child<QSpinBox>(dialog, "idleLockMinutes");
        idle->setFocus();
        idle->selectAll();
        QTest::keyClicks(idle, QStringLiteral("7"), Qt::NoModifier, 70);
        QTRY_COMPARE(idle->value(), 7); // a lone key may wait a moment in the wedge filter
        auto* sounds = child<QCheckBox>(dialog, "sounds");
        QVERIFY(sounds->isChecked());
        QTest::mouseClick(sounds, Qt::LeftButton, {}, QPoint(10, sounds->height() / 2)); // on its box
        QVERIFY(!sounds->isChecked());
        QVERIFY(dialog->save());
        dialog->accept();

        QCOMPARE(*m_db->syncSources(), (QStringList{QStringLiteral("https://kp.example.eu/desk"), site()}));
        SqliteRecordsStore store(*m_db);
        DeskRecords door(store, m_clock);
        QCOMPARE(door.settings()->idleLockMinutes, 7);
        QCOMPARE(window.idleLockInterval(), std::chrono::milliseconds(std::chrono::minutes(7)));
        QCOMPARE(LocalSettings::serialPort(), QStringLiteral("/dev/null-imager"));
        QCOMPARE(LocalSettings::sounds(), false);
        QVERIFY(m_db->setSyncSources({site()}).ok());

        // Left open on a desk that locks, the settings close unsaved.
        window.settingsAction()->trigger();
        QPointer<SettingsDialog> again;
        for (SettingsDialog* d : window.findChildren<SettingsDialog*>())
            if (d->isVisible())
                again = d;
        QVERIFY(again && again->isVisible());
        window.lockNow();
        QTRY_VERIFY(!again || !again->isVisible());
        QVERIFY(!window.settingsAction()->isVisible());
    }

    // The desk's words for each way a sync ends.
    void syncReportsInWords()
    {
        SyncOutcome current;
        current.fromSeq = current.toSeq = 4;
        auto r = SyncController::describe({SyncAttempt{QStringLiteral("/media/usb"), current}});
        QVERIFY(r.ok);
        QVERIFY2(r.message.startsWith(QStringLiteral("Already up to date")), qPrintable(r.message));
        r = SyncController::describe({});
        QVERIFY(!r.ok);
        QVERIFY(r.message.contains(QStringLiteral("Settings")));
    }
};

QTEST_MAIN(TestFirstRun)
#include "test_first_run.moc"
