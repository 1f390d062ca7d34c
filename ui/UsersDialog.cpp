#include "UsersDialog.h"

#include "PasswordPair.h"

#include "util/Clock.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

enum Column { NameColumn, RoleColumn, StateColumn, Columns };

void fillRoles(QComboBox* box)
{
    for (Role r : {Role::Officer, Role::Supervisor, Role::Administrator})
        box->addItem(roleTitle(r), int(r));
}

Role roleOf(const QComboBox* box)
{
    return Role(box->currentData().toInt());
}

} // namespace

UsersDialog::UsersDialog(DeskRecords& door, const Session& session, const Clock& clock, QWidget* parent)
    : QDialog(parent), m_door(door), m_session(session), m_clock(clock), m_table(new QTableWidget(this)),
      m_role(new QComboBox(this)), m_changeRole(new QPushButton(tr("Change &role"), this)),
      m_disable(new QPushButton(tr("&Disable"), this)), m_enable(new QPushButton(tr("&Enable"), this)),
      m_reset(new PasswordPair(this, tr("New pass&word:"), tr("Aga&in:"))),
      m_resetButton(new QPushButton(tr("Reset &password"), this)), m_newName(new QLineEdit(this)),
      m_newRole(new QComboBox(this)), m_newPassword(new PasswordPair(this, tr("Pa&ssword:"), tr("Repea&t:"))),
      m_add(new QPushButton(tr("&Add the account"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("usersDialog"));
    setWindowTitle(tr("Users of this desk"));

    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setColumnCount(Columns);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(fontMetrics().height() * 8);

    fillRoles(m_role);
    fillRoles(m_newRole);
    m_role->setObjectName(QStringLiteral("accountRole"));
    m_role->setAccessibleName(tr("Role of the selected account"));
    m_changeRole->setObjectName(QStringLiteral("changeRoleButton"));
    m_disable->setObjectName(QStringLiteral("disableAccountButton"));
    m_enable->setObjectName(QStringLiteral("enableAccountButton"));
    m_reset->setObjectName(QStringLiteral("resetPassword"));
    m_reset->first()->setObjectName(QStringLiteral("resetPasswordFirst"));
    m_reset->second()->setObjectName(QStringLiteral("resetPasswordSecond"));
    m_resetButton->setObjectName(QStringLiteral("resetPasswordButton"));
    m_newName->setObjectName(QStringLiteral("newAccountName"));
    m_newName->setAccessibleName(tr("Name of the new account"));
    m_newRole->setObjectName(QStringLiteral("newAccountRole"));
    m_newRole->setAccessibleName(tr("Role of the new account"));
    m_newPassword->setObjectName(QStringLiteral("newAccountPassword"));
    m_newPassword->first()->setObjectName(QStringLiteral("newAccountPasswordFirst"));
    m_newPassword->second()->setObjectName(QStringLiteral("newAccountPasswordSecond"));
    m_add->setObjectName(QStringLiteral("addAccountButton"));
    m_message->setObjectName(QStringLiteral("usersMessage"));
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Users message"));

    auto* selected = new QGroupBox(tr("The selected account"), this);
    auto* selectedLayout = new QVBoxLayout(selected);
    auto* roleRow = new QHBoxLayout;
    roleRow->addWidget(m_role, 1);
    roleRow->addWidget(m_changeRole);
    selectedLayout->addLayout(roleRow);
    auto* stateRow = new QHBoxLayout;
    stateRow->addWidget(m_disable);
    stateRow->addWidget(m_enable);
    stateRow->addStretch();
    selectedLayout->addLayout(stateRow);
    selectedLayout->addWidget(m_reset);
    selectedLayout->addWidget(m_resetButton, 0, Qt::AlignRight);
    selectedLayout->addStretch();

    auto* added = new QGroupBox(tr("A new account"), this);
    auto* addedLayout = new QVBoxLayout(added);
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_newName);
    form->addRow(tr("R&ole:"), m_newRole);
    addedLayout->addLayout(form);
    addedLayout->addWidget(m_newPassword);
    addedLayout->addWidget(m_add, 0, Qt::AlignRight);
    addedLayout->addStretch();

    auto* parts = new QHBoxLayout;
    parts->addWidget(selected, 1);
    parts->addWidget(added, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(parts);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersDialog::selectionChanged);
    connect(m_changeRole, &QPushButton::clicked, this, &UsersDialog::changeRole);
    connect(m_disable, &QPushButton::clicked, this, [this] { setDisabled(true); });
    connect(m_enable, &QPushButton::clicked, this, [this] { setDisabled(false); });
    connect(m_resetButton, &QPushButton::clicked, this, &UsersDialog::resetPassword);
    connect(m_reset, &PasswordPair::submitted, this, &UsersDialog::resetPassword);
    connect(m_add, &QPushButton::clicked, this, &UsersDialog::addAccount);
    connect(m_newPassword, &PasswordPair::submitted, this, &UsersDialog::addAccount);
    // Enter in a field acts on its own part, never closes the dialog.
    for (QPushButton* b : findChildren<QPushButton*>())
        b->setAutoDefault(false);

    reload({});
    resize(sizeHint().expandedTo(QSize(760, 520)));
}

QString UsersDialog::message() const
{
    return m_message->text();
}

bool UsersDialog::select(const QString& name)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, NameColumn)->text() == name) {
            m_table->selectRow(row);
            m_table->setCurrentCell(row, NameColumn);
            return true;
        }
    return false;
}

QString UsersDialog::selectedName() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), NameColumn)->text();
}

void UsersDialog::reload(const QString& keepSelected)
{
    const QSignalBlocker quiet(m_table);
    m_table->clearContents();
    m_table->setRowCount(0);
    auto accounts = m_door.store().accounts();
    if (!accounts) {
        say(tr("The accounts could not be read: %1").arg(accounts.error().message), true);
    } else {
        const QDateTime now = m_clock.nowUtc();
        m_table->setRowCount(int(accounts->size()));
        int row = 0;
        for (const AccountRecord& a : *accounts) {
            QString state = a.disabled                ? tr("disabled")
                            : a.lockout.isLocked(now) ? tr("locked after failed sign-ins")
                                                      : tr("active");
            if (a.mustChangePassword)
                state = tr("%1, must choose a new password").arg(state);
            auto* name = new QTableWidgetItem(a.name);
            name->setData(Qt::UserRole, int(a.role));
            name->setData(Qt::UserRole + 1, a.disabled);
            m_table->setItem(row, NameColumn, name);
            m_table->setItem(row, RoleColumn, new QTableWidgetItem(roleTitle(a.role)));
            m_table->setItem(row, StateColumn, new QTableWidgetItem(state));
            ++row;
        }
        m_table->resizeColumnsToContents();
    }
    if (keepSelected.isEmpty() || !select(keepSelected))
        m_table->clearSelection();
    selectionChanged();
}

void UsersDialog::selectionChanged()
{
    const QString name = selectedName();
    const bool any = !name.isEmpty();
    for (QWidget* w : {static_cast<QWidget*>(m_role), static_cast<QWidget*>(m_changeRole),
                       static_cast<QWidget*>(m_reset), static_cast<QWidget*>(m_resetButton)})
        w->setEnabled(any);
    m_disable->setEnabled(false);
    m_enable->setEnabled(false);
    m_reset->clear();
    if (!any)
        return;
    QTableWidgetItem* item =
        m_table->item(m_table->selectionModel()->selectedRows().first().row(), NameColumn);
    m_role->setCurrentIndex(m_role->findData(item->data(Qt::UserRole)));
    const bool disabled = item->data(Qt::UserRole + 1).toBool();
    m_disable->setEnabled(!disabled);
    m_enable->setEnabled(disabled);
}

void UsersDialog::addAccount()
{
    const QString name = m_newName->text().trimmed();
    auto password = m_newPassword->take();
    if (name.isEmpty()) {
        say(tr("Type the new account's name."), true);
        m_newName->setFocus();
        return;
    }
    if (!password) {
        say(password.error().message, true);
        m_newPassword->first()->setFocus();
        return;
    }
    auto added = m_door.addAccount(m_session, name, roleOf(m_newRole), *password);
    if (!added) {
        say(added.error().message, true);
        return;
    }
    m_newName->clear();
    reportOutcome(success(), added->name,
                  tr("Account %1 (%2) added.").arg(added->name, roleTitle(added->role)));
}

void UsersDialog::changeRole()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    const Role role = roleOf(m_role);
    reportOutcome(m_door.setRole(m_session, name, role), name,
                  tr("%1 is now %2.").arg(name, roleTitle(role)));
}

void UsersDialog::setDisabled(bool disabled)
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    if (disabled)
        reportOutcome(m_door.disableAccount(m_session, name), name,
                      tr("Account %1 disabled: it can no longer sign in.").arg(name));
    else
        reportOutcome(m_door.enableAccount(m_session, name), name, tr("Account %1 enabled again.").arg(name));
}

void UsersDialog::resetPassword()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    auto password = m_reset->take();
    if (!password) {
        say(password.error().message, true);
        m_reset->first()->setFocus();
        return;
    }
    reportOutcome(m_door.setPassword(m_session, name, *password), name,
                  tr("Password of %1 reset: %1 signs in with it once and then chooses a new one.").arg(name));
}

void UsersDialog::reportOutcome(const Status& s, const QString& name, const QString& successText)
{
    if (!s) {
        say(s.error().message, true);
        return;
    }
    reload(name);
    say(successText, false);
}

void UsersDialog::say(const QString& text, bool error)
{
    m_error = error;
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

} // namespace kp::ui
