#include "DeskSession.h"

#include "DemoAccounts.h"
#include "LockPage.h"
#include "NewPasswordPage.h"
#include "SignInPage.h"

#include "accounts/Permissions.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLineEdit>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

DeskSession::DeskSession(DeskRecords& door, SignInPage* signInPage, LockPage* lockPage,
                         NewPasswordPage* newPasswordPage, QObject* parent)
    : QObject(parent), m_door(door), m_signIn(signInPage), m_lock(lockPage), m_newPassword(newPasswordPage)
{
    connect(m_newPassword, &NewPasswordPage::passwordChosen, this, &DeskSession::choosePassword);
    connect(m_newPassword, &NewPasswordPage::signOutRequested, this, &DeskSession::signOut);
    const auto deskSettings = m_door.settings();
    m_idle.setSingleShot(true);
    m_idle.setInterval(std::chrono::minutes(deskSettings ? deskSettings->idleLockMinutes : 5));
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (working())
            lockNow();
    });
    qApp->installEventFilter(this); // any input keeps the desk awake
}

DeskSession::~DeskSession()
{
    qApp->removeEventFilter(this);
}

void DeskSession::prepareSignInPage(bool demo, const QString& dbPath)
{
    if (demo) {
        if (auto s = ensureDemoAccounts(m_door); !s)
            m_signIn->showMessage(s.error().message);
        m_signIn->setDemoAccounts(demoAccounts());
    } else if (const auto people = m_door.store().accounts(); people && people->isEmpty()) {
        m_signIn->setNotice(
            Tr::tr("This desk has no account yet. An administrator makes the first one with: kpdesk-cli "
                   "users add --db %1 --name NAME --role administrator")
                .arg(dbPath));
    }
}

QString DeskSession::scanRefusal() const
{
    if (working()) {
        const Status verify = Permissions::check(m_session->role, Action::Verify);
        return verify ? QString() : verify.error().message;
    }
    const QString message = Tr::tr("Locked: sign in to scan.");
    if (m_locked)
        m_lock->showMessage(message);
    else
        m_signIn->showMessage(message);
    return message;
}

bool DeskSession::mayUse(Action action) const
{
    return working() && Permissions::may(m_session->role, action);
}

bool DeskSession::signIn(const QString& name, const QString& password)
{
    auto person = m_door.signIn(name, password);
    if (!person) {
        m_signIn->showMessage(person.error().message);
        m_signIn->passwordField()->setFocus();
        return false;
    }
    if (m_session && m_session->accountId != person->accountId)
        emit personChanged();
    m_signIn->reset();
    if (person->mustChangePassword) { // nobody is at the desk until its owner has chosen one
        m_session.reset();
        m_mustChange = *person;
        emit passwordChangeNeeded(person->name);
        return false;
    }
    m_session = *person;
    m_locked = false;
    emit signedIn();
    return true;
}

bool DeskSession::choosePassword(const QString& password)
{
    if (!m_mustChange)
        return false;
    if (auto s = m_door.setPassword(*m_mustChange, m_mustChange->name, password); !s) {
        m_newPassword->reset();
        m_newPassword->showMessage(s.error().message);
        return false;
    }
    m_session = *m_mustChange;
    m_session->mustChangePassword = false;
    m_mustChange.reset();
    m_locked = false;
    emit signedIn();
    return true;
}

void DeskSession::signOut()
{
    if (m_session || m_mustChange)
        if (auto s = m_door.signOut(m_session ? *m_session : *m_mustChange); !s)
            emit problem(s.error().message);
    m_session.reset();
    m_mustChange.reset();
    m_locked = false;
    m_idle.stop();
    emit signedOut();
}

void DeskSession::lockNow()
{
    if (!working())
        return;
    if (auto s = m_door.lock(*m_session); !s)
        emit problem(s.error().message);
    m_locked = true;
    m_idle.stop();
    m_lock->setPerson(m_session->name, m_session->role);
    emit locked();
}

bool DeskSession::unlock(const QString& password)
{
    if (!m_session || !m_locked)
        return false;
    // The door checks the password as a sign-in of the same person (and
    // counts a failure towards the account's lockout).
    auto again = m_door.signIn(m_session->name, password);
    if (!again || again->accountId != m_session->accountId) {
        m_lock->showMessage(again ? Tr::tr("Wrong name or password.") : again.error().message);
        m_lock->passwordField()->setFocus();
        return false;
    }
    m_session = *again;
    m_locked = false;
    m_lock->reset();
    emit unlocked();
    return true;
}

void DeskSession::resume(const Session& session, bool locked)
{
    m_session = session;
    m_locked = locked;
    if (locked)
        m_lock->setPerson(session.name, session.role);
}

void DeskSession::setIdleLockInterval(std::chrono::milliseconds interval)
{
    m_idle.setInterval(interval);
    if (working())
        m_idle.start();
}

void DeskSession::setDeskShown(bool shown)
{
    if (shown)
        m_idle.start();
    else
        m_idle.stop();
}

bool DeskSession::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (working() && m_idle.isActive())
            m_idle.start(); // again from now
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace kp::ui
