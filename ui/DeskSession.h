#pragma once

// Who works at the desk (docs/records.md: the door): the signed-in person,
// the sign-in and unlock through the records door, and the idle lock (any
// input anywhere in the program keeps the desk awake). The pages say what
// went wrong; MainWindow decides what is shown.

#include "records/DeskRecords.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace kp::ui {

class LockPage;
class NewPasswordPage;
class SignInPage;

class DeskSession : public QObject
{
    Q_OBJECT

public:
    DeskSession(DeskRecords& door, SignInPage* signInPage, LockPage* lockPage,
                NewPasswordPage* newPasswordPage, QObject* parent = nullptr);
    ~DeskSession() override;

    const std::optional<Session>& session() const { return m_session; }
    bool isLocked() const { return m_locked; }
    // Someone signed in and the desk not locked: scans are taken.
    bool working() const { return m_session && !m_locked; }
    bool mayUse(Action action) const;
    // Why a scan is not taken now, shown on the sign-in or lock page when one
    // is up: nobody signed in, the desk locked, or a role that does no
    // inspection (an administrator: nothing is verified, nothing recorded).
    // Empty: the scan is taken.
    QString scanRefusal() const;

    // False with the door's words on the page, or when the password was set
    // by someone else: then passwordChangeNeeded, and nobody is at the desk
    // until its owner has chosen a new one (choosePassword).
    bool signIn(const QString& name, const QString& password);
    // The new password of the account signed in with one someone else set
    // (the new-password page's); false with the door's words on the page.
    bool choosePassword(const QString& password);
    void signOut();
    void lockNow();
    bool unlock(const QString& password);
    // Who may sign in: a demo desk makes its demo people on first use and
    // shows them; a desk with nobody says how to make the first account.
    void prepareSignInPage(bool demo, const QString& dbPath);
    // The window rebuilt in another language goes on with the same person
    // (no signal: nothing happened to the person).
    void resume(const Session& session, bool locked);

    void setIdleLockInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds idleLockInterval() const { return m_idle.intervalAsDuration(); }
    // The idle timer runs while the desk is shown.
    void setDeskShown(bool shown);

signals:
    // Another person than the one before: what was on screen is theirs.
    void personChanged();
    void signedIn();
    void passwordChangeNeeded(const QString& name);
    // The pages are reset by whoever shows them (focus needs them shown).
    void signedOut();
    void locked();
    void unlocked();
    // The door could not enter a sign-out or a lock in the trail.
    void problem(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    DeskRecords& m_door;
    SignInPage* m_signIn;
    LockPage* m_lock;
    NewPasswordPage* m_newPassword;
    std::optional<Session> m_session;
    std::optional<Session> m_mustChange; // signed in, not yet at the desk
    bool m_locked = false;
    QTimer m_idle;
};

} // namespace kp::ui
