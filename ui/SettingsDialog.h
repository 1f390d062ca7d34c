#pragma once

// The desk's settings, for an administrator (Action::ChangeSettings): where
// it syncs from (the sources in the order they are tried), the scanner, the
// idle lock, sounds, and the desk's enrolment with its authority. Desk-wide
// settings go through the records door (a `settings_changed` trail entry);
// the sources into the desk's database as `kpdesk-cli sources` sets them;
// this machine's own (serial port, sounds) into LocalSettings; the office as
// `kpdesk-cli office --set` keeps it (OfficeSettingsPanel).

#include "records/DeskRecords.h"
#include "records/RecordsStore.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class EnrolmentPanel;
class OfficeSettingsPanel;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(CacheDatabase& db, DeskRecords& door, const Session& admin, const Clock& clock,
                   QWidget* parent = nullptr);

    // The sources as listed, in order.
    QStringList sources() const;
    // Adds a source after checking it (checkSyncSource); false with the reason shown.
    bool addSource(const QString& location);
    QString serialPort() const;
    int idleLockMinutes() const;
    bool sounds() const;
    QString message() const;
    EnrolmentPanel* enrolment() const { return m_enrolment; }
    OfficeSettingsPanel* office() const { return m_office; }
    // Whether save() linked the desk to another office (or unlinked it).
    bool officeChanged() const;

    // Saves what is shown (OK does it, then closes); false with the reason shown.
    bool save();

private:
    void say(const QString& text);
    void move(int by);

    CacheDatabase& m_db;
    DeskRecords& m_door;
    Session m_admin;
    DeskSettings m_loaded;
    QListWidget* m_sources;
    QLineEdit* m_newSource;
    QComboBox* m_serialPort;
    QSpinBox* m_idleMinutes;
    QCheckBox* m_sounds;
    EnrolmentPanel* m_enrolment;
    OfficeSettingsPanel* m_office;
    QLabel* m_message;
};

} // namespace kp::ui
