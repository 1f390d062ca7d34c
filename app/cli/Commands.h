#pragma once

#include <QStringList>

namespace kp::cli {

// Each command takes its own arguments (after the command name) and returns
// the process exit status.
int runInit(const QStringList& args);
int runSync(const QStringList& args);
int runSources(const QStringList& args);
int runStatus(const QStringList& args);
int runRepair(const QStringList& args);
int runVerify(const QStringList& args);
int runDecode(const QStringList& args);
int runAuthority(const QStringList& args);
// authority inbox, authority cases (InboxCommands.cpp).
int runAuthorityInbox(const QStringList& args);
int runAuthorityCases(const QStringList& args);
// authority audit-check (AuditCheckCommand.cpp).
int runAuthorityAuditCheck(const QStringList& args);
int runDemo(const QStringList& args);
int runEnrol(const QStringList& args);
// list, export, send (OutboxCommands.cpp).
int runOutbox(const QStringList& args);
// authority enrol, desks, revoke-desk (EnrolCommands.cpp); -1: not one of these.
int runAuthorityDesks(const QString& sub, const QStringList& args);
// The desk's records, one command a file (UsersCommand.cpp, ReleaseCommand.cpp...).
int runUsers(const QStringList& args);
int runRelease(const QStringList& args);
int runFlag(const QStringList& args);
int runCases(const QStringList& args);
int runCase(const QStringList& args);
int runInspections(const QStringList& args);
int runAudit(const QStringList& args);
int runSettings(const QStringList& args);
// One case or inspection as a PDF (PrintCommand.cpp).
int runPrint(const QStringList& args);
// office, office-init (OfficeCommands.cpp).
int runOffice(const QStringList& args);
int runOfficeInit(const QStringList& args);

} // namespace kp::cli
