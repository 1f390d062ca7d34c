#pragma once

// The administrator's dialogs beside the window (issue 21 items 7, 8):
// Users... and Browse the audit trail..., one of each at a time, and all of
// them (Settings... too) closed unsaved when the desk is no longer theirs.

#include "records/DeskRecords.h"

class QWidget;

namespace kp {
class Clock;
}

namespace kp::ui {
class DeskSession;
}

namespace kp::ui::AdministratorDialogs {

// Each only for an administrator at an unlocked desk.
void openUsers(QWidget* parent, DeskRecords& door, const DeskSession& session, const Clock& clock);
void openAuditTrail(QWidget* parent, DeskRecords& door, const DeskSession& session);
// A locked desk or another person.
void closeAll(QWidget* parent);

} // namespace kp::ui::AdministratorDialogs
