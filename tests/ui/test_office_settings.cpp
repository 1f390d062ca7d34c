// The office in the administrator's settings (issue 12, docs/office.md):
// typed with real key input on the offscreen platform, against a REAL
// PostgreSQL on loopback. The URL and password are tested off the GUI
// thread, saved as `kpdesk-cli office --set` saves them (0600 password file,
// never in the desk's file nor the trail), and the status says how much
// waits to go up. An unreachable office is reported with its reason while the
// window keeps answering.
#include "CaseQueue.h"
#include "MainWindow.h"
#include "Nginx.h"
#include "OfficeDesks.h"
#include "OfficeSettingsPanel.h"
#include "Postgres.h"
#include "SettingsDialog.h"
#include "TcpProxy.h"
#include "TestSupport.h"

#include "office/OfficeLink.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace kp;
using namespace kp::test;
using namespace kp::ui;

class TestOfficeSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<Postgres> m_pg;
    QTemporaryDir m_dir;
    std::unique_ptr<Desk> m_desk;

    static QLineEdit* field(SettingsDialog& d, const char* name)
    {
        return d.findChild<QLineEdit*>(QString::fromLatin1(name));
    }

    static QString statusOf(SettingsDialog& d)
    {
        return d.findChild<QLabel*>(QStringLiteral("officeStatus"))->text();
    }

    // `delayMs` a person's pace between keys: in the window, the wedge filter
    // takes fast typing for a keyboard-wedge scanner.
    static void type(QLineEdit* edit, const QString& text, int delayMs = -1)
    {
        QTest::mouseClick(edit, Qt::LeftButton);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text, Qt::NoModifier, delayMs);
    }

    // Clicks Test connection; the click returns at once and the window keeps
    // answering until the outcome comes.
    static bool testAndWait(SettingsDialog& d, int timeoutMs)
    {
        auto* button = d.findChild<QPushButton*>(QStringLiteral("officeTestButton"));
        QSignalSpy tested(d.office(), &OfficeSettingsPanel::tested);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(button, Qt::LeftButton);
        if (t.elapsed() > 1000) {
            qWarning() << "the click took" << t.elapsed() << "ms: the GUI thread waited";
            return false;
        }
        if (tested.isEmpty() && button->isEnabled()) {
            qWarning() << "the button stays enabled while testing";
            return false;
        }
        // The GUI thread keeps running timers while the test goes on.
        int ticks = 0;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start(50);
        if (!tested.wait(timeoutMs) && tested.isEmpty())
            return false;
        return !tested.isEmpty() && button->isEnabled() && (t.elapsed() < 300 || ticks > 0);
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        if (!Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        m_pg = std::make_unique<Postgres>();
        QVERIFY(m_pg->initialized());
        QVERIFY(m_pg->start());
        QVERIFY(m_pg->exec({QStringLiteral("CREATE DATABASE kpoffice")}));
        m_desk = makeDesk(m_dir.filePath(QStringLiteral("desk.sqlite")), QStringLiteral("Gate 4"));
        QVERIFY(m_desk);
        QVERIFY(writeCases(*m_desk, 3));
    }

    void setTestSaveAndSeeStatus()
    {
        const Session admin = Session::forCommandLine(QStringLiteral("test"));
        {
            SettingsDialog d(*m_desk->db, *m_desk->door, admin, m_desk->clock);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            QVERIFY(statusOf(d).contains(QLatin1String("no office")));
            QVERIFY2(statusOf(d).contains(QLatin1String("wait to go up")), qPrintable(statusOf(d)));

            type(field(d, "officeUrl"), m_pg->url(QStringLiteral("kpoffice"), false));
            type(field(d, "officePassword"), m_pg->password());
            QVERIFY(testAndWait(d, 30000));
            QVERIFY2(statusOf(d).contains(QLatin1String("Connected")), qPrintable(statusOf(d)));
            QVERIFY(!statusOf(d).contains(m_pg->password()));

            QTest::mouseClick(d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QCOMPARE(d.result(), int(QDialog::Accepted));
            QVERIFY(d.officeChanged());
        }
        // Kept as the command line keeps it: the URL without, the password in a 0600 file.
        auto link = OfficeLink::load(*m_desk->db);
        QVERIFY(link && link->has_value());
        QCOMPARE((*link)->password, m_pg->password());
        QCOMPARE((*link)->redacted(), m_pg->url(QStringLiteral("kpoffice"), false));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(OfficeLink::passwordPath(m_desk->path)).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        // Neither the desk's file nor its trail holds the password.
        QSqlQuery q(m_desk->db->connection());
        QVERIFY(q.prepare(QStringLiteral("SELECT count(*) FROM meta WHERE instr(value, ?) > 0")));
        q.addBindValue(m_pg->password());
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(
            q.prepare(QStringLiteral("SELECT count(*) FROM audit WHERE instr(CAST(entry AS TEXT), ?) > 0")));
        q.addBindValue(m_pg->password());
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 0);

        // Opened again: the URL without its password, the password kept, the status.
        SettingsDialog again(*m_desk->db, *m_desk->door, admin, m_desk->clock);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(field(again, "officeUrl")->text(), m_pg->url(QStringLiteral("kpoffice"), false));
        QVERIFY(field(again, "officePassword")->text().isEmpty());
        QVERIFY(testAndWait(again, 30000)); // with the kept password
        QVERIFY2(statusOf(again).contains(QLatin1String("Connected")), qPrintable(statusOf(again)));
        QVERIFY2(statusOf(again).contains(QLatin1String("wait to go up")), qPrintable(statusOf(again)));
        QVERIFY(again.save());
        QVERIFY(!again.officeChanged()); // nothing changed, nothing written
    }

    void unreachableOfficeIsReportedWithoutBlocking()
    {
        const Session admin = Session::forCommandLine(QStringLiteral("test"));
        SettingsDialog d(*m_desk->db, *m_desk->door, admin, m_desk->clock);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));

        // Nobody listens: refused, said at once.
        type(field(d, "officeUrl"), QStringLiteral("postgresql://kp@127.0.0.1:%1/kpoffice").arg(freePort()));
        QVERIFY(testAndWait(d, 30000));
        QVERIFY2(statusOf(d).contains(QLatin1String("cannot be reached")), qPrintable(statusOf(d)));

        // A link that swallows everything: the GUI thread runs on until libpq's connect timeout.
        TcpProxy deaf(m_pg->port());
        deaf.setMode(TcpProxy::Mode::BlackHole);
        type(field(d, "officeUrl"), QStringLiteral("postgresql://kp@127.0.0.1:%1/kpoffice").arg(deaf.port()));
        QElapsedTimer t;
        t.start();
        QVERIFY(testAndWait(d, 30000));
        QVERIFY(t.elapsed() >= 1000); // it really waited, elsewhere
        QVERIFY2(statusOf(d).contains(QLatin1String("cannot be reached")), qPrintable(statusOf(d)));
        QVERIFY2(statusOf(d).contains(QLatin1String("timeout")), qPrintable(statusOf(d)));

        // Not a URL: said before any network.
        type(field(d, "officeUrl"), QStringLiteral("http://office"));
        QVERIFY(testAndWait(d, 1000));
        QVERIFY2(statusOf(d).contains(QLatin1String("postgresql://")), qPrintable(statusOf(d)));
        d.reject(); // the office saved before stays
        auto link = OfficeLink::load(*m_desk->db);
        QVERIFY(link && link->has_value());
    }

    // In the window: an administrator saves an office for a desk that had none;
    // the window's replication starts with it and the queue says connected.
    void theWindowReplicatesWithTheSavedOffice()
    {
        QVERIFY(m_pg->exec({QStringLiteral("CREATE DATABASE kpoffice2")}));
        auto desk = makeDesk(m_dir.filePath(QStringLiteral("window.sqlite")), QStringLiteral("Gate 5"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 2));
        const QString adminPassword = QStringLiteral("office-admin-2026");
        QVERIFY(desk->door
                    ->addAccount(Session::forCommandLine(QStringLiteral("test")), QStringLiteral("amina"),
                                 Role::Administrator, adminPassword)
                    .ok());
        MainWindow window(*desk->db, desk->clock);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.signIn(QStringLiteral("amina"), adminPassword));
        window.showSettings();
        auto* dialog = window.findChild<SettingsDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        type(field(*dialog, "officeUrl"), m_pg->url(QStringLiteral("kpoffice2"), false), 70);
        type(field(*dialog, "officePassword"), m_pg->password(), 70);
        QCOMPARE(field(*dialog, "officePassword")->text(), m_pg->password());
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.caseQueue()->officeText().contains(QLatin1String("connected")),
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_pg->number(QStringLiteral("SELECT count(*) FROM cases"), QStringLiteral("kpoffice2")), 2,
            30000);
    }

    void emptyingTheUrlUnlinks()
    {
        const Session admin = Session::forCommandLine(QStringLiteral("test"));
        SettingsDialog d(*m_desk->db, *m_desk->door, admin, m_desk->clock);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(!field(d, "officeUrl")->text().isEmpty());
        type(field(d, "officeUrl"), QString());
        QTest::mouseClick(d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QVERIFY(d.officeChanged());
        auto link = OfficeLink::load(*m_desk->db);
        QVERIFY(link && !link->has_value());
        QVERIFY(!QFile::exists(OfficeLink::passwordPath(m_desk->path)));
    }
};

QTEST_MAIN(TestOfficeSettings)
#include "test_office_settings.moc"
