#include "AdministratorDialogs.h"

#include "AuditTrailDialog.h"
#include "DeskSession.h"
#include "SettingsDialog.h"
#include "UsersDialog.h"

namespace kp::ui::AdministratorDialogs {

namespace {

template <typename Dialog, typename... Args>
void openOnce(QWidget* parent, Args&&... args)
{
    for (Dialog* open : parent->findChildren<Dialog*>())
        if (open->isVisible()) { // a closed one waits to be deleted
            open->raise();
            return;
        }
    auto* dialog = new Dialog(std::forward<Args>(args)..., parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

template <typename Dialog>
void rejectAll(QWidget* parent)
{
    for (Dialog* d : parent->findChildren<Dialog*>())
        d->reject();
}

} // namespace

void openUsers(QWidget* parent, DeskRecords& door, const DeskSession& session, const Clock& clock)
{
    if (session.mayUse(Action::ManageAccounts))
        openOnce<UsersDialog>(parent, door, *session.session(), clock);
}

void openAuditTrail(QWidget* parent, DeskRecords& door, const DeskSession& session)
{
    if (session.working() && session.session()->role == Role::Administrator)
        openOnce<AuditTrailDialog>(parent, door);
}

void closeAll(QWidget* parent)
{
    rejectAll<SettingsDialog>(parent);
    rejectAll<UsersDialog>(parent);
    rejectAll<AuditTrailDialog>(parent);
}

} // namespace kp::ui::AdministratorDialogs
