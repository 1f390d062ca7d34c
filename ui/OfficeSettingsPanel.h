#pragma once

// The office in the administrator's settings (docs/office.md): the office's
// URL (its password never shown), the password kept as `kpdesk-cli office
// --set` keeps it (OfficeLink: a 0600 file beside the desk's file, never in
// the desk's file, logs or trail), a connection test, and the status. Every
// network call runs on a pool thread (QtConcurrent): the window never waits
// for the office.

#include "office/OfficeUrl.h"
#include "records/DeskRecords.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kp {
class CacheDatabase;
}

namespace kp::ui {

class OfficeSettingsPanel : public QWidget
{
    Q_OBJECT

public:
    OfficeSettingsPanel(CacheDatabase& db, DeskRecords& door, const Session& admin,
                        QWidget* parent = nullptr);

    // The office as entered, with the password typed or the one kept; nullopt
    // for none (an empty URL). Error code "office.url".
    Result<std::optional<OfficeUrl>> enteredUrl() const;
    // Tries to reach the office as entered, off the GUI thread; the outcome is
    // shown and `tested` emitted.
    void testConnection();
    bool testing() const { return m_test.isRunning(); }
    // Saves the link when it changed (the trail says which office, without the
    // password); false with the reason shown.
    bool save();
    // Whether save() changed the desk's office.
    bool changed() const { return m_changed; }
    QString status() const;

signals:
    void tested(bool connected);

private:
    void showStatus(const QString& connection);
    QString waitingText() const;

    CacheDatabase& m_db;
    DeskRecords& m_door;
    Session m_admin;
    std::optional<OfficeUrl> m_stored; // with its password
    QLineEdit* m_url;
    QLineEdit* m_password;
    QPushButton* m_testButton;
    QLabel* m_status;
    QFutureWatcher<QString> m_test; // the reason, empty when connected
    bool m_changed = false;
};

} // namespace kp::ui
