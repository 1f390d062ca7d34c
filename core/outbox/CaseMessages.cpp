#include "outbox/CaseMessages.h"

#include "cache/CacheDatabase.h"
#include "records/CaseInspection.h"
#include "records/RecordsStore.h"
#include "report/PdfExport.h"
#include "report/RecordReport.h"
#include "util/Clock.h"

#include <QCoreApplication>

namespace kp {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CaseMessages)
};
} // namespace

CaseMessages::CaseMessages(CacheDatabase& db, const Clock& clock, DeskRecords& door, RecordsStore& store)
    : m_db(db), m_clock(clock), m_door(door), m_store(store)
{}

Result<CaseMessages::Stored> CaseMessages::load(const QString& caseId)
{
    auto kase = m_door.caseView(caseId, true);
    if (!kase)
        return kase.error();
    auto inspection = caseInspection(m_store, kase->record);
    if (!inspection)
        return inspection.error();
    if (!inspection->has_value())
        return makeError(QStringLiteral("records.not-found"),
                         Tr::tr("The case's inspection is not in the records."));
    return Stored{std::move(*kase), std::move(**inspection)};
}

Result<MessageMaker> CaseMessages::confirmation(const QString& caseId, const QString& officer)
{
    auto messaging = DeskMessaging::open(m_db, m_clock);
    if (!messaging)
        return messaging.error();
    if (!messaging->enrolled())
        return MessageMaker{};
    auto stored = load(caseId);
    if (!stored)
        return stored.error();
    return messaging->confirmation(stored->inspection, officer);
}

Result<MessageMaker> CaseMessages::doubt(const QString& caseId, QStringList& to, const QString& printedBy,
                                         QString* pdfProblem)
{
    auto messaging = DeskMessaging::open(m_db, m_clock);
    if (!messaging)
        return messaging.error();
    auto stored = load(caseId);
    if (!stored)
        return stored.error();
    if (to.isEmpty())
        to = DeskMessaging::defaultAddressees(stored->inspection.participant,
                                              m_db.participant() ? *m_db.participant() : QString());
    if (!messaging->enrolled())
        return MessageMaker{};
    const auto desk = m_door.settings();
    const ReportContext context{desk ? *desk : DeskSettings{}, printedBy, m_clock.nowUtc()};
    const auto pdf = PdfExport::bytes(RecordReport::caseRecord(stored->kase, stored->inspection, context));
    if (!pdf && pdfProblem)
        *pdfProblem = pdf.error().message;
    return messaging->doubt(stored->kase, stored->inspection, to, pdf ? *pdf : QByteArray());
}

} // namespace kp
