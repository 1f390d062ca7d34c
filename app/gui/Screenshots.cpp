#include "Screenshots.h"

#include "AuditTrailDialog.h"
#include "CaseView.h"
#include "DemoAccounts.h"
#include "EscalateDialog.h"
#include "FlagDialog.h"
#include "InspectionView.h"
#include "MainWindow.h"
#include "MessageBoxes.h"
#include "RecordPrinter.h"
#include "TrailPanel.h"
#include "UsersDialog.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "outbox/DeskMessaging.h"
#include "util/Clock.h"

#include <QApplication>

#include <QDir>
#include <QEventLoop>
#include <QTemporaryDir>
#include <algorithm>

using namespace kp;

namespace {

bool save(QWidget* w, const QString& outDir, const QString& name, const QString& suffix)
{
    QApplication::processEvents();
    return w->grab().save(QDir(outDir).filePath(name + suffix + QStringLiteral(".png")));
}

} // namespace

int makeScreenshots(const QString& outDir, const QString& suffix, QSize size)
{
    QDir().mkpath(outDir);
    // Nobody is there to answer a box: it goes to the log, a question is answered "No".
    ui::MessageBoxes::answerWithoutShowing([](const ui::MessageBoxes::Shown& box) {
        qWarning().noquote() << "screenshots:" << box.title << "-" << box.text;
        return QMessageBox::No;
    });
    QTemporaryDir temp;
    SystemClock clock;
    auto desk = buildDemoDesk(temp.filePath(QStringLiteral("demo")), clock);
    if (!desk)
        return 1;
    auto db = CacheDatabase::open(desk->dbPath, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return 1;
    ui::MainWindow window(**db, clock);
    window.resize(size);
    window.show();
    bool ok = save(&window, outDir, QStringLiteral("signin"), suffix);
    const ui::DemoAccount officer = ui::demoAccounts().constFirst();
    ok = window.signIn(officer.name, officer.password) && ok;
    const auto shot = [&](const char* key, const char* name) {
        const DemoSample* s = desk->sample(QString::fromLatin1(key));
        if (!s) {
            ok = false;
            return;
        }
        QEventLoop loop;
        QObject::connect(&window, &ui::MainWindow::inspectionShown, &loop, &QEventLoop::quit);
        QObject::connect(&window, &ui::MainWindow::scanFailed, &loop, &QEventLoop::quit);
        window.openImage(s->imagePath);
        loop.exec();
        ok = ok && save(&window, outDir, QString::fromLatin1(name), suffix);
    };
    shot("bw-genuine", "accept");
    shot("used-elsewhere", "doubt");
    shot("forged-carats", "reject");

    ui::FlagDialog flag(window.inspectionView()->fieldText(QStringLiteral("no")), window.flagSuggestions(),
                        &window);
    flag.show();
    ok = ok && save(&flag, outDir, QStringLiteral("flag-dialog"), suffix);
    flag.hide();

    // The officer's flag becomes a case; the supervisor's queue and the case.
    ok = window.saveFlag(window.flagSuggestions().mid(0, 2),
                         QStringLiteral("Carats on the certificate do not match the scale."), true, {}) &&
         ok;
    // Reopened from today's list: the flag with it, the shipment held.
    if (const auto flagged = window.currentInspectionId()) {
        window.openSaved(*flagged);
        ok = ok && save(&window, outDir, QStringLiteral("reopened"), suffix);
    }
    window.signOut();
    const ui::DemoAccount supervisor = ui::demoAccounts().at(1);
    ok = window.signIn(supervisor.name, supervisor.password) && ok;
    window.showCaseQueue();
    ok = ok && save(&window, outDir, QStringLiteral("queue"), suffix);
    if (ui::CaseDialog* kase = window.openCase(window.lastCaseId())) {
        kase->resize(std::min(1100, size.width()), std::min(720, size.height() - 48)); // as on the screen
        kase->take();
        ok = save(kase, outDir, QStringLiteral("case"), suffix) && ok;
        // Escalation: whom the doubt goes to, and the case as the PDF beside it.
        ui::EscalateDialog escalate(
            {QStringLiteral("BW"), QStringLiteral("EU"), QStringLiteral("KP-CHAIR"),
             QStringLiteral("KP-WGM")},
            *DeskMessaging::describeAddressees(**db, {QStringLiteral("BW"), QStringLiteral("EU"),
                                                      QStringLiteral("KP-CHAIR"), QStringLiteral("KP-WGM")}),
            kase);
        escalate.show();
        ok = save(&escalate, outDir, QStringLiteral("escalate"), suffix) && ok;
        escalate.hide();
        ok = kase->recordPrinter()
                 .saveAsPdf(QDir(outDir).filePath(QStringLiteral("case%1.pdf").arg(suffix)))
                 .ok() &&
             ok;
        kase->close();
    } else {
        ok = false;
    }
    window.signOut();
    const ui::DemoAccount admin = ui::demoAccounts().at(2);
    ok = window.signIn(admin.name, admin.password) && ok;
    window.trailPanel()->waitForCheck();
    ok = ok && save(&window, outDir, QStringLiteral("administrator"), suffix);
    // The administrator's own views: the desk's accounts and its audit trail.
    if (window.session()) {
        ui::UsersDialog users(window.records(), *window.session(), clock, &window);
        users.show();
        users.select(supervisor.name);
        ok = save(&users, outDir, QStringLiteral("users"), suffix) && ok;
        users.hide();
    } else {
        ok = false;
    }
    ui::AuditTrailDialog trail(window.records(), &window);
    trail.show();
    ok = save(&trail, outDir, QStringLiteral("trail"), suffix) && ok;
    trail.hide();

    FixedClock later(clock.nowUtc().addDays(60));
    ui::MainWindow stale(**db, later);
    stale.resize(size);
    stale.show();
    ok = stale.signIn(officer.name, officer.password) && ok;
    ok = ok && save(&stale, outDir, QStringLiteral("stale"), suffix);
    return ok ? 0 : 1;
}
