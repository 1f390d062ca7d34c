// The audit trail in the window (issue 21 item 8): filters by who, what,
// when, certificate and case; the chain's state; a tampered trail shown as
// broken (never "verified") and not exported; the export for an auditor is
// the trail the command line verifies (same count and head).
#include "TestSupport.h"
#include "UiDesk.h"

#include "AuditTrailDialog.h"
#include "CliRun.h"
#include "FileDialogs.h"
#include "MainWindow.h"
#include "TrailTableModel.h"
#include "WedgeScanFilter.h"

#include "audit/AuditExport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTableView>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

void typeInto(QWidget* field, const QString& text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text, Qt::NoModifier, 30);
}

// Every shown row's value in `column`.
QStringList shown(const AuditTrailDialog* dialog, int column)
{
    QStringList values;
    const TrailTableModel* model = dialog->model();
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

bool allAre(const QStringList& values, const QString& value)
{
    return !values.isEmpty() && values.count(value) == values.size();
}

QAction* menuAction(AuditTrailDialog* dialog, const char* name)
{
    return dialog->menus()->findChild<QAction*>(QLatin1String(name));
}

} // namespace

class TestAuditTrailDialog : public UiDeskTest
{
    Q_OBJECT

    QString m_caseId;

    MainWindow& window() { return *m_ui.window; }

    AuditTrailDialog* openTrail()
    {
        window().auditTrailAction()->trigger();
        AuditTrailDialog* dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] { return (dialog = window().findChild<AuditTrailDialog*>()) && dialog->isVisible(); }))
            return nullptr;
        // Keys go where a person's would: to the dialog in front.
        QApplication::setActiveWindow(dialog);
        if (!QTest::qWaitFor([&] { return QApplication::activeWindow() == dialog; }))
            return nullptr;
        return dialog;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeOnce);
        QVERIFY2(built.ok(), why(built));
    }

    // An officer verifies three certificates and flags one; the administrator looks.
    void init()
    {
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        const Status officer =
            m_ui.showSignedIn(QStringLiteral("officer"), QStringLiteral("officer-demo"), QSize(1024, 728));
        QVERIFY2(officer.ok(), why(officer));
        window().wedgeFilter()->setMaxGapMs(10);
        window().verifyText(m_ui.desk.sample(u"bw-genuine")->text);
        window().verifyText(m_ui.desk.sample(u"na-genuine")->text);
        window().verifyText(m_ui.desk.sample(u"forged-carats")->text);
        QVERIFY(window().saveFlag(window().flagSuggestions(), QStringLiteral("seal cut"), true, {}));
        m_caseId = window().lastCaseId();
        QVERIFY(!m_caseId.isEmpty());
        window().signOut();
        QVERIFY(window().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo")));
    }

    void cleanup() { m_ui.close(); }

    void filtersByWhoWhatWhenCertificateAndCase()
    {
        AuditTrailDialog* dialog = openTrail();
        QVERIFY(dialog);
        QVERIFY2(dialog->verified(), qPrintable(dialog->stateText()));
        QVERIFY(dialog->stateText().startsWith(QStringLiteral("Verified")));
        const int all = dialog->model()->rowCount();
        QVERIFY(all >= 7); // sign-ins, three verifications, the flag, the sign-out
        QVERIFY(dialog->witnessText().contains(QStringLiteral("not received")));

        // Who: typed into the list, as the keyboard picks an item.
        dialog->actorFilter()->setFocus();
        QTest::keyClicks(dialog->actorFilter(), QStringLiteral("officer"), Qt::NoModifier, 30);
        QCOMPARE(dialog->actorFilter()->currentText(), QStringLiteral("officer"));
        QVERIFY(allAre(shown(dialog, TrailTableModel::ActorColumn), QStringLiteral("officer")));
        QVERIFY(dialog->model()->rowCount() < all);

        // What: the verifications, in words; the stable kind stays the filter's key.
        dialog->kindFilter()->setFocus();
        QTest::keyClicks(dialog->kindFilter(), QStringLiteral("Verification"), Qt::NoModifier, 30);
        QCOMPARE(dialog->kindFilter()->currentText(), QStringLiteral("Verification"));
        QCOMPARE(dialog->kindFilter()->currentData().toString(), QStringLiteral("verification"));
        QCOMPARE(dialog->model()->rowCount(), 3);
        QVERIFY(allAre(shown(dialog, TrailTableModel::KindColumn), QStringLiteral("Verification")));

        // Certificate: a number verified once.
        QStringList numbers;
        for (int row = 0; row < dialog->model()->rowCount(); ++row)
            numbers << dialog->model()->rowAt(row).entry.data.value(QStringLiteral("number")).toString();
        QString once;
        for (const QString& n : numbers)
            if (numbers.count(n) == 1)
                once = n;
        QVERIFY2(!once.isEmpty(), qPrintable(numbers.join(u' ')));
        typeInto(dialog->numberFilter(), once);
        QCOMPARE(dialog->model()->rowCount(), 1);
        QVERIFY(
            shown(dialog, TrailTableModel::DataColumn).first().contains(QStringLiteral("number: ") + once));
        dialog->numberFilter()->clear();

        // When: today holds them all, from tomorrow none.
        QTest::mouseClick(dialog->whenFilter(), Qt::LeftButton);
        QVERIFY(dialog->whenFilter()->isChecked());
        QCOMPARE(dialog->model()->rowCount(), 3);
        dialog->fromDate()->setFocus();
        dialog->fromDate()->setDate(QDate::currentDate().addDays(1));
        dialog->toDate()->setDate(QDate::currentDate().addDays(2));
        QCOMPARE(dialog->model()->rowCount(), 0);
        QTest::mouseClick(dialog->whenFilter(), Qt::LeftButton);
        QCOMPARE(dialog->model()->rowCount(), 3);

        // Case: anything, by the case's first characters.
        dialog->kindFilter()->setCurrentIndex(0);
        dialog->actorFilter()->setCurrentIndex(0);
        QCOMPARE(dialog->model()->rowCount(), all);
        // Issue 21: no internal kind (`account_added`, `signin`) is shown, in the table or the list.
        const QStringList kinds = shown(dialog, TrailTableModel::KindColumn);
        QVERIFY2(kinds.contains(QStringLiteral("Signed in")) && kinds.contains(QStringLiteral("Flagged")),
                 qPrintable(kinds.join(u'|')));
        for (const QString& k : kinds)
            QVERIFY2(!k.contains(u'_') && k.at(0).isUpper(), qPrintable(k));
        for (int i = 1; i < dialog->kindFilter()->count(); ++i)
            QVERIFY2(dialog->kindFilter()->itemText(i) != dialog->kindFilter()->itemData(i).toString(),
                     qPrintable(dialog->kindFilter()->itemText(i)));
        typeInto(dialog->caseFilter(), m_caseId.left(8));
        QVERIFY(dialog->model()->rowCount() >= 1);
        for (int row = 0; row < dialog->model()->rowCount(); ++row)
            QVERIFY(dialog->model()->rowAt(row).entry.data.value(QStringLiteral("case")).toString() ==
                    m_caseId);
    }

    // Changed behind the desk's back: broken, where, nothing "verified",
    // and no export an auditor could take for the trail.
    void tamperedTrailShowsBroken()
    {
        QSqlQuery q(m_ui.db->connection());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_append_only_u")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET entry = entry || x'00' WHERE n = 3")));
        AuditTrailDialog* dialog = openTrail();
        QVERIFY(dialog);
        QVERIFY(!dialog->verified());
        QVERIFY2(dialog->stateText().startsWith(QStringLiteral("BROKEN")), qPrintable(dialog->stateText()));
        QVERIFY(dialog->stateText().contains(QStringLiteral("entry 3")));
        QVERIFY(!dialog->stateText().contains(QStringLiteral("Verified")));
        const QStringList chain = shown(dialog, TrailTableModel::HoldsColumn);
        QCOMPARE(chain.mid(0, 2), (QStringList{QStringLiteral("holds"), QStringLiteral("holds")}));
        QVERIFY(allAre(chain.mid(2), QStringLiteral("DOES NOT HOLD")));

        const QString path = m_ui.dir.filePath(QStringLiteral("broken.cbor"));
        FileDialogs::setNextFileName(path);
        menuAction(dialog, "exportTrailAction")->trigger();
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        QVERIFY2(dialog->message().startsWith(QStringLiteral("Nothing was exported")),
                 qPrintable(dialog->message()));
        QVERIFY(!dialog->verified());

        // Verify again from the menu: still broken.
        menuAction(dialog, "verifyTrailAction")->trigger();
        QVERIFY(!dialog->verified());
    }

    // Issue 21: the entries' numbers, and where the trail breaks, are
    // written in the language's digits (Arabic-Indic under an Arabic locale),
    // in the table, the dialog's state and the chain's own words.
    void entryNumbersInTheLanguagesDigits()
    {
        QSqlQuery q(m_ui.db->connection());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_append_only_u")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET entry = entry || x'00' WHERE n = 3")));
        QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::Egypt));
        const auto back = qScopeGuard([] { QLocale::setDefault(QLocale::c()); });
        AuditTrailDialog* dialog = openTrail();
        QVERIFY(dialog);
        const QStringList numbers = shown(dialog, TrailTableModel::NumberColumn);
        QVERIFY(numbers.size() >= 3);
        QCOMPARE(numbers.mid(0, 3),
                 (QStringList{QStringLiteral("\u0661"), QStringLiteral("\u0662"), QStringLiteral("\u0663")}));
        const QString state = dialog->stateText();
        QVERIFY2(state.contains(QStringLiteral("at entry \u0663: Entry \u0663: ")), qPrintable(state));
        QVERIFY2(!state.contains(QStringLiteral("..")), qPrintable(state)); // one full stop after the reason
        QVERIFY2(!state.contains(QLatin1Char('3')), qPrintable(state));
    }

    // The export is the trail the command line verifies: same count, same head.
    void exportIsTheTrailTheCommandLineVerifies()
    {
        AuditTrailDialog* dialog = openTrail();
        QVERIFY(dialog && dialog->verified());
        const QString path = m_ui.dir.filePath(QStringLiteral("trail.cbor"));
        FileDialogs::setNextFileName(path);
        QTest::keyClick(dialog, Qt::Key_E, Qt::ControlModifier);
        QVERIFY2(QFile::exists(path), qPrintable(dialog->message()));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto read = readAuditExport(&file);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));

        // The window's connection is closed before another process reads the desk.
        m_ui.close();
        const CliRun cli = runCli(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), m_ui.copyPath()});
        QVERIFY2(cli.exitCode == 0, cli.said());
        QCOMPARE(cli.lastLine(), QStringLiteral("entries %1 head %2")
                                     .arg(read->count)
                                     .arg(QString::fromLatin1(read->hash.toHex())));
    }
};

QTEST_MAIN(TestAuditTrailDialog)
#include "test_audit_trail_dialog.moc"
